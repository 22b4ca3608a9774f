using System.Runtime.InteropServices;
using CloudMesh.Proxy.Hosting;
using CloudMesh.Proxy.Xds;
using CloudMesh.Proxy.Xds.Configuration;

// The CloudMesh proxy: a sidecar for a virtual node or a gateway for a virtual gateway, configured entirely over ADS
// by the CloudMesh control plane and through App Mesh-style environment variables (see Hosting/ProxySettings.cs).
ProxySettings settings;
XdsClientOptions xdsOptions;
try
{
    settings = ProxySettings.FromEnvironment(Environment.GetEnvironmentVariable);
    xdsOptions = settings.XdsClientOptions(Environment.GetEnvironmentVariable);
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine($"cloudmesh-proxy: {e.Message}");
    return 2;
}

using var loggers = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ "; o.UseUtcTimestamp = true; })
    .SetMinimumLevel(settings.LogLevel)
    // YARP's forwarder logs two Information lines per request: at ENVOY_LOG_LEVEL=info that is most of a sidecar's
    // CPU (measured: ~0.5 vCPU at 1,000 requests/s). Envoy logs nothing per request either, outside access logs.
    .AddFilter("Yarp", settings.LogLevel <= LogLevel.Debug ? settings.LogLevel : LogLevel.Warning)
    .AddFilter("Microsoft.AspNetCore", LogLevel.Warning));
var log = loggers.CreateLogger("CloudMesh.Proxy");

// The instance announced for EDS: CLOUDMESH_INSTANCE_ADDRESS, else (in an ECS task) the task's address from its metadata endpoint.
await new InstanceAnnouncement(log).CompleteAsync(xdsOptions.Node, Environment.GetEnvironmentVariable);
await using var runtime = new ProxyRuntime(settings, xdsOptions, loggers);

// SIGTERM (orchestrators) and SIGINT (Ctrl-C) start a graceful drain instead of killing the process.
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; runtime.RequestStop(); });
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; runtime.RequestStop(); });

log.LogInformation("cloudmesh-proxy {Node}: control plane {Xds}, admin {Bind}:{Admin}, state file {State}",
    xdsOptions.Node.Id, xdsOptions.ControlPlaneAddress, settings.BindAddress, settings.AdminPort, settings.StateFile);
int code = await runtime.RunAsync();
log.LogInformation("cloudmesh-proxy stopped");
return code;
