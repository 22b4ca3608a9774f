namespace CloudMesh.Api.Hosting;

/// <summary>
/// Operator configuration, read from the environment (DESIGN.md "Contracts"): <c>CLOUDMESH_DB</c>,
/// <c>CLOUDMESH_HOME</c>, <c>CLOUDMESH_ADMIN_TOKEN</c>, <c>CLOUDMESH_REGION</c>, <c>CLOUDMESH_ENCRYPTION_KEY</c>,
/// <c>CLOUDMESH_RATE_LIMIT_RPS</c> / <c>CLOUDMESH_RATE_LIMIT_BURST</c>, and for the control plane
/// <c>CLOUDMESH_XDS_URL</c>, <c>CLOUDMESH_XDS_TLS_CERT</c> / <c>CLOUDMESH_XDS_TLS_KEY</c>, <c>CLOUDMESH_REPLICA_ID</c>.
/// </summary>
public sealed class CloudMeshOptions
{
    /// <summary>Npgsql connection string; null means "provision a private cluster under <see cref="Home"/>".</summary>
    public string? Database { get; set; }

    /// <summary>State directory (embedded database, generated keys and tokens). Default <c>~/.cloudmesh</c>.</summary>
    public string Home { get; set; } = DefaultHome();

    /// <summary>The admin bearer token; null means generated on first start into <c>$CLOUDMESH_HOME/admin-token</c>.</summary>
    public string? AdminToken { get; set; }

    /// <summary>The region in ARNs and in SigV4 credential scopes.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Base64 of a 32-byte key encrypting stored secrets; null means generated into <c>$CLOUDMESH_HOME/encryption-key</c>.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Default per-tenant sustained request rate (requests per second); 0 disables rate limiting.</summary>
    public int RateLimitRequestsPerSecond { get; set; } = 5000;

    /// <summary>Default per-tenant burst above the sustained rate.</summary>
    public int RateLimitBurst { get; set; } = 10000;

    /// <summary>Whether to create a default tenant and print its credentials when there are no tenants yet.</summary>
    public bool CreateDefaultTenant { get; set; } = true;

    /// <summary>The default address of the xDS (ADS over gRPC) listener.</summary>
    public const string DefaultXdsUrl = "http://127.0.0.1:8081";

    /// <summary>
    /// Where the control plane serves ADS (HTTP/2 only: h2c for <c>http://</c>, TLS for <c>https://</c>); null turns the
    /// control plane off in this process. The port must be given: ADS is told apart from the API by its listener's port,
    /// so port 0 (any free port) is refused at start.
    /// </summary>
    public string? XdsUrl { get; set; } = DefaultXdsUrl;

    /// <summary>PEM certificate (chain) for an <c>https://</c> <see cref="XdsUrl"/>.</summary>
    public string? XdsTlsCertificateFile { get; set; }

    /// <summary>PEM private key for <see cref="XdsTlsCertificateFile"/>.</summary>
    public string? XdsTlsKeyFile { get; set; }

    /// <summary>This replica's name (in xDS responses, /debug/proxies and proxy endpoint leases). Default: host name and process id.</summary>
    public string ReplicaId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Reads the options from environment variables (unset ones keep their defaults).</summary>
    public static CloudMeshOptions FromEnvironment(Func<string, string?> env)
    {
        var options = new CloudMeshOptions();
        options.Database = NonEmpty(env("CLOUDMESH_DB"));
        options.Home = NonEmpty(env("CLOUDMESH_HOME")) ?? options.Home;
        options.AdminToken = NonEmpty(env("CLOUDMESH_ADMIN_TOKEN"));
        options.Region = NonEmpty(env("CLOUDMESH_REGION")) ?? options.Region;
        options.EncryptionKey = NonEmpty(env("CLOUDMESH_ENCRYPTION_KEY"));
        options.RateLimitRequestsPerSecond = Int(env("CLOUDMESH_RATE_LIMIT_RPS"), "CLOUDMESH_RATE_LIMIT_RPS") ?? options.RateLimitRequestsPerSecond;
        options.RateLimitBurst = Int(env("CLOUDMESH_RATE_LIMIT_BURST"), "CLOUDMESH_RATE_LIMIT_BURST") ?? options.RateLimitBurst;
        options.CreateDefaultTenant = NonEmpty(env("CLOUDMESH_DEFAULT_TENANT")) is not ("false" or "0");
        options.XdsUrl = NonEmpty(env("CLOUDMESH_XDS_URL")) switch
        {
            null => options.XdsUrl,
            "off" or "none" => null,
            var url => url,
        };
        options.XdsTlsCertificateFile = NonEmpty(env("CLOUDMESH_XDS_TLS_CERT"));
        options.XdsTlsKeyFile = NonEmpty(env("CLOUDMESH_XDS_TLS_KEY"));
        options.ReplicaId = NonEmpty(env("CLOUDMESH_REPLICA_ID")) ?? options.ReplicaId;
        return options;
    }

    private static string DefaultHome() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cloudmesh");

    internal static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int? Int(string? value, string name)
    {
        if (NonEmpty(value) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, out var n) && n >= 0
            ? n
            : throw new InvalidOperationException($"{name} must be a non-negative integer, not '{text}'.");
    }
}
