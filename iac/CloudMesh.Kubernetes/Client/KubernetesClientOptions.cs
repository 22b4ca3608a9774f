namespace CloudMesh.Kubernetes.Client;

/// <summary>
/// Where the API server is and how to authenticate: in-cluster (the pod's service account) or an explicit URL and
/// token. No kubeconfig support: the controller runs in the cluster, tests give the URL.
/// </summary>
public sealed record KubernetesClientOptions
{
    /// <summary>The service-account directory Kubernetes mounts into every pod.</summary>
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The API server, e.g. <c>https://10.96.0.1:443</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>A bearer token; ignored when <see cref="TokenFile"/> is set.</summary>
    public string? Token { get; init; }

    /// <summary>
    /// A file holding the bearer token, read again when it changes (projected service-account tokens rotate about
    /// hourly).
    /// </summary>
    public string? TokenFile { get; init; }

    /// <summary>A PEM file of the CA that signs the API server's certificate; null: the system trust store.</summary>
    public string? CertificateAuthorityFile { get; init; }

    /// <summary>The namespace the process runs in (in-cluster: the service account's), for information.</summary>
    public string? Namespace { get; init; }

    /// <summary>
    /// The in-cluster configuration, as client-go's <c>rest.InClusterConfig</c>: <c>KUBERNETES_SERVICE_HOST</c> and
    /// <c>KUBERNETES_SERVICE_PORT</c>, the service account's <c>token</c>, <c>ca.crt</c> and <c>namespace</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not running in a pod (the variables or the token are missing).</exception>
    public static KubernetesClientOptions InCluster(Func<string, string?> env, string serviceAccountDirectory = ServiceAccountDirectory)
    {
        ArgumentNullException.ThrowIfNull(env);
        var host = env("KUBERNETES_SERVICE_HOST");
        var port = env("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new InvalidOperationException("Not in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set.");
        }

        var tokenFile = Path.Combine(serviceAccountDirectory, "token");
        if (!File.Exists(tokenFile))
        {
            throw new InvalidOperationException($"Not in a cluster: no service-account token at {tokenFile}.");
        }

        var ca = Path.Combine(serviceAccountDirectory, "ca.crt");
        var ns = Path.Combine(serviceAccountDirectory, "namespace");
        // An IPv6 service host must be bracketed in a URL.
        var authority = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
        return new KubernetesClientOptions
        {
            Server = new Uri($"https://{authority}"),
            TokenFile = tokenFile,
            CertificateAuthorityFile = File.Exists(ca) ? ca : null,
            Namespace = File.Exists(ns) ? File.ReadAllText(ns).Trim() : null,
        };
    }
}
