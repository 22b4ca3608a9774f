using CloudMesh.TestSupport;

namespace CloudMesh.EndToEnd.Tests.Support;

/// <summary>
/// One CloudMesh server started as its own OS process (the CloudMesh.Api binary, as ./run.sh runs it), sharing a
/// database, admin token and encryption key with its peers: a control-plane replica.
/// </summary>
public sealed class ReplicaProcess : IAsyncDisposable
{
    private readonly OsProcess _process;
    private readonly TempDirectory _home = new("cloudmesh-replica");

    private ReplicaProcess(string replicaId, string database, string adminToken, string encryptionKey)
    {
        ReplicaId = replicaId;
        ApiEndpoint = new Uri($"http://127.0.0.1:{FreePort.Get()}");
        XdsEndpoint = new Uri($"http://127.0.0.1:{FreePort.Get()}");
        _process = OsProcess.Start(replicaId, "dotnet", [Path.Combine(AppContext.BaseDirectory, "CloudMesh.Api.dll"), "--urls", ApiEndpoint.ToString().TrimEnd('/')],
            new Dictionary<string, string>
            {
                ["CLOUDMESH_DB"] = database,
                ["CLOUDMESH_HOME"] = _home.Path,
                ["CLOUDMESH_ADMIN_TOKEN"] = adminToken,
                ["CLOUDMESH_ENCRYPTION_KEY"] = encryptionKey,
                ["CLOUDMESH_XDS_URL"] = XdsEndpoint.ToString().TrimEnd('/'),
                ["CLOUDMESH_REPLICA_ID"] = replicaId,
                ["CLOUDMESH_DEFAULT_TENANT"] = "false",
            });
    }

    public string ReplicaId { get; }

    public Uri ApiEndpoint { get; }

    public Uri XdsEndpoint { get; }

    public HttpClient Http { get; } = new();

    /// <summary>What the process printed so far (for failure messages).</summary>
    public string Output => _process.Output;

    /// <summary>Starts a replica and waits until it answers /readyz.</summary>
    public static async Task<ReplicaProcess> StartAsync(string replicaId, string database, string adminToken, string encryptionKey)
    {
        var replica = new ReplicaProcess(replicaId, database, adminToken, encryptionKey);
        replica.Http.BaseAddress = replica.ApiEndpoint;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)); // a safety net for a hung start
        while (true)
        {
            if (replica._process.HasExited)
            {
                throw new InvalidOperationException($"Replica {replicaId} exited with {replica._process.ExitCode}:\n{replica.Output}");
            }

            try
            {
                using var ready = await replica.Http.GetAsync("/readyz", timeout.Token);
                if (ready.IsSuccessStatusCode && replica.Output.Contains("Control plane", StringComparison.Ordinal))
                {
                    return replica;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException)
            {
                await replica.DisposeAsync();
                throw new TimeoutException($"Replica {replicaId} did not become ready:\n{replica.Output}");
            }

            await Task.Delay(100, timeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Http.Dispose();
        _home.Dispose();
    }
}
