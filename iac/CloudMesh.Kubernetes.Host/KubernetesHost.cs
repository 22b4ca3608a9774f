using System.Net;
using System.Security.Cryptography.X509Certificates;
using CloudMesh.Kubernetes.Client;
using CloudMesh.Kubernetes.Controller;
using CloudMesh.Kubernetes.Webhook;
using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Kubernetes.Host;

/// <summary>Builds the <c>cloudmesh-kubernetes</c> application: controller as a hosted service, webhook and health endpoints.</summary>
public static class KubernetesHost
{
    /// <summary>Builds the application from <paramref name="args"/> (and the usual configuration sources).</summary>
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        configure?.Invoke(builder.Configuration);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        var settings = KubernetesHostSettings.From(builder.Configuration, Environment.GetEnvironmentVariable);
        var controllerOptions = builder.Configuration.GetSection("Controller").Get<AppMeshControllerOptions>() ?? new AppMeshControllerOptions();
        var injectorOptions = builder.Configuration.GetSection("Injector").Get<SidecarInjectorOptions>() ?? new SidecarInjectorOptions { Region = settings.Region };

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Any, settings.HealthPort);
            kestrel.Listen(IPAddress.Any, settings.WebhookPort, listen =>
            {
                if (settings.WebhookCertificateFile is { } certificate)
                {
                    // The API server calls webhooks over TLS; the certificate files are re-read at each restart.
                    listen.UseHttps(X509Certificate2.CreateFromPemFile(certificate, settings.WebhookKeyFile));
                }
                else
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                }
            });
        });

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(_ => new KubernetesClient(settings.Kubernetes));
        builder.Services.AddSingleton<IAmazonAppMesh>(_ =>
        {
            var config = new AmazonAppMeshConfig { ServiceURL = settings.CloudMeshEndpoint.ToString(), AuthenticationRegion = settings.Region };
            return settings.AccessKeyId is { } keyId
                ? new AmazonAppMeshClient(new Amazon.Runtime.BasicAWSCredentials(keyId, settings.SecretAccessKey), config)
                : new AmazonAppMeshClient(config);
        });
        builder.Services.AddSingleton(sp => new MeshResources(sp.GetRequiredService<IAmazonAppMesh>()));
        var election = builder.Configuration.GetValue("LeaderElection:Enabled", false)
            ? new LeaderElectionOptions
            {
                Namespace = builder.Configuration["LeaderElection:Namespace"] ?? settings.Kubernetes.Namespace
                    ?? throw new InvalidOperationException("Set LeaderElection:Namespace (the controller's namespace)."),
                Identity = builder.Configuration["LeaderElection:Identity"] ?? Environment.MachineName,
                Name = builder.Configuration["LeaderElection:Name"] ?? "cloudmesh-controller-leader",
            }
            : null;
        builder.Services.AddSingleton(sp => new AppMeshController(
            sp.GetRequiredService<KubernetesClient>(), sp.GetRequiredService<MeshResources>(), controllerOptions,
            sp.GetRequiredService<ILogger<AppMeshController>>(), elector: election is null ? null
                : new LeaderElector(sp.GetRequiredService<KubernetesClient>(), election, sp.GetRequiredService<ILogger<LeaderElector>>())));
        builder.Services.AddSingleton<IAppMeshObjectSource>(sp => sp.GetRequiredService<AppMeshController>());
        builder.Services.AddSingleton(sp => new PodMutator(sp.GetRequiredService<IAppMeshObjectSource>(), injectorOptions));
        builder.Services.AddSingleton(sp => new CustomResourceMutator(sp.GetRequiredService<IAppMeshObjectSource>()));
        builder.Services.AddHostedService<ControllerService>();

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (AppMeshController controller) =>
            controller.Synced.IsCompletedSuccessfully ? Results.Text("ok") : Results.Text("informers not synced", statusCode: 503));
        app.MapPodMutationWebhook();
        app.MapAppMeshMutationWebhooks();
        return app;
    }

    /// <summary>Runs the controller for the host's lifetime.</summary>
    private sealed class ControllerService(AppMeshController controller) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => controller.RunAsync(stoppingToken);
    }
}
