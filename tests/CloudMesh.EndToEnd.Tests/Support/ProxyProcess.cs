using System.Net;
using CloudMesh.TestSupport;

namespace CloudMesh.EndToEnd.Tests.Support;

/// <summary>
/// The CloudMesh proxy binary (CloudMesh.Proxy.dll or the Native AOT executable, as a user runs it) configured through its environment like App
/// Mesh's Envoy: identity from APPMESH_RESOURCE_ARN, the control plane from APPMESH_XDS_ENDPOINT, a tenant xDS token.
/// Each proxy binds its own loopback address, the way each pod has its own IP (there is no iptables here).
/// </summary>
public sealed class ProxyProcess : IAsyncDisposable
{
    /// <summary>A safety net for readiness, never an expectation of speed.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static int _nextAddress;

    private ProxyProcess(OsProcess process, IPAddress address, int adminPort, string stateFile)
    {
        Process = process;
        Address = address;
        AdminPort = adminPort;
        StateFile = stateFile;
        Admin = new HttpClient { BaseAddress = new Uri($"http://{address}:{adminPort}/") };
    }

    /// <summary>The OS process.</summary>
    public OsProcess Process { get; }

    /// <summary>The loopback address every listener of this proxy binds.</summary>
    public IPAddress Address { get; }

    /// <summary>The admin port (Envoy's 9901, moved so that proxies can share the host).</summary>
    public int AdminPort { get; }

    /// <summary>Where the proxy keeps its last good configuration.</summary>
    public string StateFile { get; }

    /// <summary>A client for the admin port.</summary>
    public HttpClient Admin { get; }

    /// <summary>A loopback address no other proxy of this test run uses (127.77.x.y).</summary>
    public static IPAddress NewAddress()
    {
        int n = Interlocked.Increment(ref _nextAddress);
        return new IPAddress([127, 77, (byte)(n / 250), (byte)(1 + (n % 250))]);
    }

    /// <summary>Starts a proxy and waits for its admin port's /ready.</summary>
    /// <param name="resourceArn">The virtual node's or gateway's ARN.</param>
    /// <param name="xdsEndpoint">The control plane.</param>
    /// <param name="token">A tenant xDS token; null: none (the environment may carry AWS credentials instead).</param>
    /// <param name="address">The proxy's own address; null picks a new one.</param>
    /// <param name="stateFile">The state file; null picks a new one under <paramref name="stateDirectory"/>.</param>
    /// <param name="stateDirectory">Where a new state file goes.</param>
    /// <param name="environment">More variables (ingress/egress port overrides...).</param>
    /// <param name="binary">Which build to run; null runs <see cref="ProxyBinary.Jit"/>.</param>
    /// <param name="waitReady">False returns as soon as the process runs (for proxies expected never to be ready).</param>
    /// <param name="bindAddress">
    /// What the listeners bind; null: <paramref name="address"/>. <see cref="IPAddress.Any"/> for a proxy behind iptables
    /// in a network namespace of its own (redirected connections arrive on 127.0.0.1), reached at <paramref name="address"/>.
    /// </param>
    public static async Task<ProxyProcess> StartAsync(
        string resourceArn, Uri xdsEndpoint, string? token, TempDirectory stateDirectory, IPAddress? address = null,
        string? stateFile = null, IReadOnlyDictionary<string, string>? environment = null, ProxyBinary? binary = null,
        bool waitReady = true, IPAddress? bindAddress = null)
    {
        binary ??= ProxyBinary.Jit;
        address ??= NewAddress();
        stateFile ??= Path.Combine(stateDirectory.Path, Guid.NewGuid().ToString("n") + ".xds-state");
        int adminPort = FreePort.Get();
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["APPMESH_RESOURCE_ARN"] = resourceArn,
            ["APPMESH_XDS_ENDPOINT"] = xdsEndpoint.ToString().TrimEnd('/'),
            ["ENVOY_ADMIN_ACCESS_PORT"] = adminPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CLOUDMESH_PROXY_BIND_ADDRESS"] = (bindAddress ?? address).ToString(),
            ["CLOUDMESH_PROXY_STATE_FILE"] = stateFile,
            ["CLOUDMESH_PROXY_DRAIN_SECONDS"] = "10",
        };
        if (token is not null)
        {
            env["CLOUDMESH_XDS_TOKEN"] = token;
        }

        var process = OsProcess.Start(resourceArn.Split('/')[^1], binary.FileName, binary.Arguments, env);
        var proxy = new ProxyProcess(process, address, adminPort, stateFile);
        if (waitReady)
        {
            await proxy.WaitReadyAsync();
        }

        return proxy;
    }

    /// <summary>Waits until /ready answers 200 (the proxy has a configuration and serves it).</summary>
    public async Task WaitReadyAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"The proxy exited with {Process.ExitCode}:\n{Process.Output}");
            }

            try
            {
                using var ready = await Admin.GetAsync("ready", timeout.Token);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new InvalidOperationException($"The proxy was not ready within {Patience}:\n{Process.Output}");
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Process.DisposeAsync();
    }
}
