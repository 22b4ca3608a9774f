// pulumi-resource-cloudmesh: serves pulumirpc.ResourceProvider on 127.0.0.1, prints the port on stdout (the plugin
// handshake Pulumi expects), logs to stderr, and runs until killed or until the engine it was given goes away.
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using CloudMesh.Grpc;
using CloudMesh.Pulumi.Provider;
using CloudMesh.Pulumi.Provider.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The engine's address arrives as a bare argument; keep it away from the host's command-line configuration.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("CLOUDMESH_PROVIDER_LOG_LEVEL"), true, out var level) ? level : LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseGrpcH2c()));
builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 64 * 1024 * 1024);
builder.Services.AddSingleton<ProviderState>();
builder.Services.AddSingleton<EngineWatch>();
builder.Services.AddSingleton<CloudMeshProvider>();

var app = builder.Build();
app.MapGrpcService<CloudMeshProvider>();
await app.StartAsync();

var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
await Console.Out.WriteLineAsync(new Uri(address).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
await Console.Out.FlushAsync();

if (args.Length > 0)
{
    app.Services.GetRequiredService<EngineWatch>().Watch(args[0]);
}

await app.WaitForShutdownAsync();
