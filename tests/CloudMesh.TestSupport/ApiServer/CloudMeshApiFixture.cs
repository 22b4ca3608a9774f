using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CloudMesh.Api.Hosting;
using Xunit;

namespace CloudMesh.TestSupport.ApiServer;

/// <summary>
/// Starts the real CloudMesh API on a free loopback port against a fresh database of the throwaway PostgreSQL, for one
/// test class (or collection). Tests talk to it over real sockets.
/// </summary>
public class CloudMeshApiFixture : IAsyncLifetime
{
    private readonly TempDirectory _home = new("cloudmesh-api-home");
    private CloudMeshServer? _server;

    /// <summary>The server's base address.</summary>
    public Uri Endpoint => Server.Endpoint;

    /// <summary>The running server.</summary>
    public CloudMeshServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialized.");

    /// <summary>The database the server uses (tests may inspect it directly).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>An HTTP client for the server (no credentials attached).</summary>
    public HttpClient Http { get; private set; } = new();

    /// <summary>Lets a derived fixture adjust options (rate limits, region...).</summary>
    protected virtual void Configure(CloudMeshOptions options)
    {
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("api");
        var options = new CloudMeshOptions
        {
            Database = ConnectionString,
            Home = _home.Path,
            AdminToken = "test-admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            CreateDefaultTenant = false,
            XdsUrl = $"http://127.0.0.1:{FreePort.Get()}",
        };
        Configure(options);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                _server = await CloudMeshHost.StartAsync(options, ["--urls", $"http://127.0.0.1:{FreePort.Get()}"], print: _ => { });
                break;
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // A port that was free a moment ago was taken in between (test projects run in parallel and their
                // outgoing connections draw from the same ephemeral range): pick new ports and start again.
                // Only the port changes: a derived fixture may have chosen another host (e.g. 0.0.0.0).
                options.XdsUrl = options.XdsUrl is null ? null : new UriBuilder(options.XdsUrl) { Port = FreePort.Get() }.Uri.ToString().TrimEnd('/');
            }
        }

        Http = new HttpClient { BaseAddress = _server.Endpoint };
    }

    /// <summary>An HTTP client carrying the admin bearer token.</summary>
    public HttpClient AdminHttp()
    {
        var client = new HttpClient { BaseAddress = Endpoint };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Server.AdminToken);
        return client;
    }

    /// <summary>Creates a tenant and an access key through the admin API.</summary>
    public Task<TenantCredentials> CreateTenantAsync(string name = "test") => CreateTenantAsync(Http, Server.AdminToken, name);

    /// <summary>Creates a tenant and an access key through the admin API of any CloudMesh server.</summary>
    public static async Task<TenantCredentials> CreateTenantAsync(HttpClient http, string adminToken, string name = "test")
    {
        async Task<JsonObject> PostAsync(string path, object? body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            using var response = await http.SendAsync(request);
            return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!;
        }

        var accountId = (await PostAsync("/admin/v1/tenants", new { name }))["accountId"]!.GetValue<string>();
        var key = await PostAsync($"/admin/v1/tenants/{accountId}/access-keys", null);
        return new TenantCredentials(accountId, key["accessKeyId"]!.GetValue<string>(), key["secretAccessKey"]!.GetValue<string>());
    }

    /// <summary>A signing client for a new tenant.</summary>
    public async Task<AppMeshTestClient> NewTenantClientAsync(string name = "test") =>
        new(Http, await CreateTenantAsync(name));

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _home.Dispose();
    }
}
