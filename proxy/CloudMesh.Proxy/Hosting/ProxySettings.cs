using System.Globalization;
using System.Net;
using CloudMesh.Proxy.Xds;
using CloudMesh.Proxy.Xds.Configuration;
using CloudMesh.SigV4;

namespace CloudMesh.Proxy.Hosting;

/// <summary>
/// The proxy's configuration, read from the environment the way App Mesh's Envoy image reads it, plus CloudMesh's own
/// variables for running without iptables and for credentials:
/// <list type="bullet">
/// <item><c>APPMESH_RESOURCE_ARN</c> (or the legacy <c>APPMESH_VIRTUAL_NODE_NAME</c> = <c>mesh/&lt;m&gt;/virtualNode/&lt;n&gt;</c>): who this
/// proxy is, read by <see cref="XdsNodeFactory.FromEnvironment"/> with the instance metadata it announces.</item>
/// <item><c>APPMESH_XDS_ENDPOINT</c>: the control plane (a URL, or <c>host:port</c>; default <c>http://127.0.0.1:8081</c>).</item>
/// <item><c>CLOUDMESH_XDS_TOKEN</c>: a tenant-scoped xDS token sent as <c>authorization: Bearer</c>.</item>
/// <item>Without a token, <c>AWS_ACCESS_KEY_ID</c> / <c>AWS_SECRET_ACCESS_KEY</c> (and <c>AWS_SESSION_TOKEN</c>): every ADS
/// stream is SigV4-signed as App Mesh's Envoy signs it, in <c>AWS_REGION</c> (or <c>AWS_DEFAULT_REGION</c>, or the region of
/// <c>APPMESH_RESOURCE_ARN</c>, or us-east-1).</item>
/// <item><c>ENVOY_ADMIN_ACCESS_PORT</c> (9901), <c>ENVOY_ADMIN_ACCESS_LOG_FILE</c>, <c>ENVOY_LOG_LEVEL</c>.</item>
/// <item><c>CLOUDMESH_PROXY_BIND_ADDRESS</c> (0.0.0.0), <c>CLOUDMESH_PROXY_INGRESS_PORT</c> / <c>CLOUDMESH_PROXY_EGRESS_PORT</c>
/// (where the xDS listeners on 15000 / 15001 really bind), <c>CLOUDMESH_PROXY_STATE_FILE</c> (the last good config),
/// <c>CLOUDMESH_PROXY_DRAIN_SECONDS</c> (graceful drain on SIGTERM, default 20).</item>
/// </list>
/// </summary>
public sealed record ProxySettings
{
    /// <summary>The signing region when neither the environment nor the resource ARN names one.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>App Mesh's ingress listener port (iptables redirects inbound traffic to it).</summary>
    public const int XdsIngressPort = 15000;

    /// <summary>App Mesh's egress listener port (iptables redirects outbound traffic to it).</summary>
    public const int XdsEgressPort = 15001;

    /// <summary>The control plane's ADS address.</summary>
    public Uri XdsEndpoint { get; init; } = new("http://127.0.0.1:8081");

    /// <summary>The xDS token, when the proxy authenticates with one.</summary>
    public string? XdsToken { get; init; }

    /// <summary>The AWS credential ADS streams are SigV4-signed with when there is no <see cref="XdsToken"/>; null: none.</summary>
    public SigV4Credential? AwsCredential { get; init; }

    /// <summary>The region SigV4 signatures are scoped to.</summary>
    public string SigningRegion { get; init; } = DefaultRegion;

    /// <summary>The admin port (Envoy's <c>ENVOY_ADMIN_ACCESS_PORT</c>).</summary>
    public int AdminPort { get; init; } = 9901;

    /// <summary>Where admin requests are logged (Envoy's <c>ENVOY_ADMIN_ACCESS_LOG_FILE</c>); null: not logged.</summary>
    public string? AdminAccessLogFile { get; init; }

    /// <summary>The minimum log level (from <c>ENVOY_LOG_LEVEL</c>).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>The address every listener binds.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>xDS listener port → the port really bound (15000 and 15001 remapped when set).</summary>
    public IReadOnlyDictionary<int, int> ListenerPortMap { get; init; } = new Dictionary<int, int>();

    /// <summary>
    /// Where the last good configuration is kept, so a restart without a control plane still serves; null: a file
    /// per identity under <c>~/.cloudmesh/proxy/</c>.
    /// </summary>
    public string? StateFile { get; init; }

    /// <summary>How long in-flight requests may finish after SIGTERM.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Reads the settings; a missing identity or a malformed value throws with the variable's name.</summary>
    /// <exception cref="InvalidOperationException">A required variable is missing or a value is malformed.</exception>
    public static ProxySettings FromEnvironment(Func<string, string?> env)
    {
        var ports = new Dictionary<int, int>();
        if (Port(env, "CLOUDMESH_PROXY_INGRESS_PORT") is { } ingress)
        {
            ports[XdsIngressPort] = ingress;
        }

        if (Port(env, "CLOUDMESH_PROXY_EGRESS_PORT") is { } egress)
        {
            ports[XdsEgressPort] = egress;
        }

        string? bind = NonEmpty(env("CLOUDMESH_PROXY_BIND_ADDRESS"));
        return new ProxySettings
        {
            XdsEndpoint = Endpoint(NonEmpty(env("APPMESH_XDS_ENDPOINT"))),
            XdsToken = NonEmpty(env("CLOUDMESH_XDS_TOKEN")),
            AwsCredential = Credential(env),
            SigningRegion = NonEmpty(env("AWS_REGION")) ?? NonEmpty(env("AWS_DEFAULT_REGION"))
                ?? RegionOfArn(NonEmpty(env("APPMESH_RESOURCE_ARN"))) ?? DefaultRegion,
            AdminPort = Port(env, "ENVOY_ADMIN_ACCESS_PORT") ?? 9901,
            AdminAccessLogFile = NonEmpty(env("ENVOY_ADMIN_ACCESS_LOG_FILE")),
            LogLevel = Level(NonEmpty(env("ENVOY_LOG_LEVEL"))),
            BindAddress = bind is null ? IPAddress.Any
                : IPAddress.TryParse(bind, out var address) ? address
                : throw new InvalidOperationException($"CLOUDMESH_PROXY_BIND_ADDRESS must be an IP address, not '{bind}'."),
            ListenerPortMap = ports,
            StateFile = NonEmpty(env("CLOUDMESH_PROXY_STATE_FILE")),
            DrainTimeout = TimeSpan.FromSeconds(Port(env, "CLOUDMESH_PROXY_DRAIN_SECONDS") ?? 20),
        };
    }

    /// <summary>
    /// The xDS client's options: the node (identity and instance metadata, <see cref="XdsNodeFactory.FromEnvironment"/>),
    /// this control plane address, the token, and the state file.
    /// </summary>
    /// <exception cref="InvalidOperationException">No identity is configured, or a value is malformed.</exception>
    public XdsClientOptions XdsClientOptions(Func<string, string?> env)
    {
        var node = XdsNodeFactory.FromEnvironment(env);
        var options = new XdsClientOptions
        {
            ControlPlaneAddress = XdsEndpoint,
            Node = node,
            StatePath = StateFile ?? DefaultStateFile(node.Id),
            // A token is CloudMesh's own, explicit setting; AWS credentials may be in the environment for the app.
            Signer = XdsToken is null && AwsCredential is { } credential ? new XdsCallSigner(credential, SigningRegion) : null,
        };
        return XdsToken is { } token ? options.WithBearerToken(token) : options;
    }

    /// <summary>The AWS credential in the standard variables; one of the key pair without the other is a mistake worth failing on.</summary>
    private static SigV4Credential? Credential(Func<string, string?> env)
    {
        string? keyId = NonEmpty(env("AWS_ACCESS_KEY_ID"));
        string? secret = NonEmpty(env("AWS_SECRET_ACCESS_KEY"));
        if (keyId is null && secret is null)
        {
            return null;
        }

        if (keyId is null || secret is null)
        {
            throw new InvalidOperationException(
                $"{(keyId is null ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID")} is set but {(keyId is null ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY")} is not: set both to sign the xDS stream with SigV4.");
        }

        // The principal is the control plane's to decide; the proxy only signs.
        return new SigV4Credential(keyId, secret, Principal: keyId) { SessionToken = NonEmpty(env("AWS_SESSION_TOKEN")) };
    }

    /// <summary>The region field of an App Mesh ARN (<c>arn:aws:appmesh:REGION:ACCOUNT:mesh/...</c>), if it has one.</summary>
    internal static string? RegionOfArn(string? arn)
    {
        string[]? parts = arn?.Split(':');
        return parts is { Length: >= 6 } && parts[0] == "arn" && parts[3].Length > 0 ? parts[3] : null;
    }

    /// <summary>A URL as given, or <c>host:port</c> as App Mesh's variable took it (TLS on 443, h2c otherwise).</summary>
    internal static Uri Endpoint(string? value)
    {
        if (value is null)
        {
            return new Uri("http://127.0.0.1:8081");
        }

        if (value.Contains("://", StringComparison.Ordinal))
        {
            return Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? url
                : throw new InvalidOperationException($"APPMESH_XDS_ENDPOINT must be an http:// or https:// URL or host:port, not '{value}'.");
        }

        int colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"APPMESH_XDS_ENDPOINT must be an http:// or https:// URL or host:port, not '{value}'.");
        }

        return new Uri($"{(port == 443 ? "https" : "http")}://{value}");
    }

    private static LogLevel Level(string? value) => value?.ToLowerInvariant() switch
    {
        null or "info" => LogLevel.Information,
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" => LogLevel.Critical,
        "off" => LogLevel.None,
        _ => throw new InvalidOperationException($"ENVOY_LOG_LEVEL must be one of trace, debug, info, warn, error, critical, off; not '{value}'."),
    };

    private static int? Port(Func<string, string?> env, string name)
    {
        if (NonEmpty(env(name)) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is >= 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"{name} must be a number from 0 to 65535, not '{text}'.");
    }

    private static string DefaultStateFile(string nodeId)
    {
        // One file per identity, so several proxies on one host never share (or clobber) a state.
        var safe = string.Concat(nodeId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cloudmesh", "proxy", safe + ".xds-state");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
