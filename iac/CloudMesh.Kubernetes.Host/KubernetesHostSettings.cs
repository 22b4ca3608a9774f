using CloudMesh.Kubernetes.Client;
using Microsoft.Extensions.Configuration;

namespace CloudMesh.Kubernetes.Host;

/// <summary>
/// The process's configuration (ASP.NET Core configuration: <c>appsettings.json</c>, environment variables with
/// <c>__</c> for <c>:</c>, command line):
/// <list type="bullet">
/// <item><c>Kubernetes:Server</c> and <c>Kubernetes:Token</c> (or <c>TokenFile</c>, <c>CertificateAuthorityFile</c>): an
/// explicit API server; unset: the in-cluster service account.</item>
/// <item><c>CloudMesh:Endpoint</c> (the App Mesh-compatible API) and <c>CloudMesh:Region</c>; a tenant access key in
/// <c>CloudMesh:AccessKeyId</c> and <c>CloudMesh:SecretAccessKey</c>, else the AWS SDK's credential chain
/// (<c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>...).</item>
/// <item><c>Webhook:Port</c> (9443), <c>Webhook:CertificateFile</c> and <c>Webhook:KeyFile</c> (PEM): HTTPS for the API
/// server's admission calls; without a certificate the port serves plain HTTP/1.1 and h2c (tests, a mesh in front).</item>
/// <item><c>Health:Port</c> (8080): plain HTTP <c>/healthz</c> and <c>/readyz</c> for probes.</item>
/// <item><c>Controller:*</c> (<see cref="Controller.AppMeshControllerOptions"/>), <c>Injector:*</c>
/// (<see cref="Webhook.SidecarInjectorOptions"/>).</item>
/// <item><c>LeaderElection:Enabled</c> (false), <c>LeaderElection:Namespace</c> (default: the service account's),
/// <c>LeaderElection:Identity</c> (default: the host name, which is the pod name), <c>LeaderElection:Name</c>: with
/// several replicas, only the holder of the Lease reconciles; all serve the webhook.</item>
/// </list>
/// </summary>
public sealed record KubernetesHostSettings
{
    /// <summary>The App Mesh API's address.</summary>
    public required Uri CloudMeshEndpoint { get; init; }

    /// <summary>The region to sign for.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>A CloudMesh tenant's access key id; null: the AWS SDK's credential chain.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>The access key's secret.</summary>
    public string? SecretAccessKey { get; init; }

    /// <summary>The API server to watch.</summary>
    public required KubernetesClientOptions Kubernetes { get; init; }

    /// <summary>The webhook's port.</summary>
    public int WebhookPort { get; init; } = 9443;

    /// <summary>The webhook's certificate (PEM); null: plain HTTP.</summary>
    public string? WebhookCertificateFile { get; init; }

    /// <summary>The webhook certificate's private key (PEM).</summary>
    public string? WebhookKeyFile { get; init; }

    /// <summary>The health port.</summary>
    public int HealthPort { get; init; } = 8080;

    /// <summary>Reads the settings.</summary>
    /// <exception cref="InvalidOperationException">A required setting is missing.</exception>
    public static KubernetesHostSettings From(IConfiguration configuration, Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration["CloudMesh:Endpoint"]
            ?? throw new InvalidOperationException("Set CloudMesh:Endpoint (CloudMesh__Endpoint) to the CloudMesh API's address.");
        var server = configuration["Kubernetes:Server"];
        var kubernetes = server is null
            ? KubernetesClientOptions.InCluster(env)
            : new KubernetesClientOptions
            {
                Server = new Uri(server),
                Token = configuration["Kubernetes:Token"],
                TokenFile = configuration["Kubernetes:TokenFile"],
                CertificateAuthorityFile = configuration["Kubernetes:CertificateAuthorityFile"],
            };
        return new KubernetesHostSettings
        {
            CloudMeshEndpoint = new Uri(endpoint),
            Region = configuration["CloudMesh:Region"] ?? env("AWS_REGION") ?? "us-east-1",
            AccessKeyId = configuration["CloudMesh:AccessKeyId"],
            SecretAccessKey = configuration["CloudMesh:SecretAccessKey"],
            Kubernetes = kubernetes,
            WebhookPort = configuration.GetValue("Webhook:Port", 9443),
            WebhookCertificateFile = configuration["Webhook:CertificateFile"],
            WebhookKeyFile = configuration["Webhook:KeyFile"],
            HealthPort = configuration.GetValue("Health:Port", 8080),
        };
    }
}
