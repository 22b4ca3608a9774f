using System.Net;
using System.Text;
using System.Text.Json;
using CloudMesh.Proxy.Hosting;
using CloudMesh.Proxy.Xds;

namespace CloudMesh.Proxy.Admin;

/// <summary>
/// The Envoy-compatible admin port (App Mesh's 9901): <c>/ready</c>, <c>/server_info</c>, <c>/config_dump</c>,
/// <c>/clusters</c>, <c>/certs</c>, <c>/memory</c>, <c>/stats</c>, <c>/stats/prometheus</c>, and <c>POST /quitquitquit</c> (what preStop hooks call).
/// Its own small Kestrel server, apart from the data plane's listeners, so a busy data plane never hides it.
/// </summary>
internal sealed class AdminServer : IAsyncDisposable
{
    private const string Text = "text/plain; charset=utf-8";
    private readonly WebApplication _app;
    private readonly StreamWriter? _accessLog;

    private AdminServer(WebApplication app, StreamWriter? accessLog)
    {
        _app = app;
        _accessLog = accessLog;
    }

    /// <summary>Starts the admin server on <see cref="ProxySettings.BindAddress"/>:<see cref="ProxySettings.AdminPort"/>.</summary>
    public static async Task<AdminServer> StartAsync(ProxySettings settings, ProxyRuntime runtime)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(settings.BindAddress, settings.AdminPort));
        var app = builder.Build();
        var accessLog = settings.AdminAccessLogFile is { } path ? OpenAccessLog(path) : null;
        if (accessLog is not null)
        {
            app.Use(async (http, next) =>
            {
                await next(http);
                lock (accessLog)
                {
                    accessLog.WriteLine($"[{DateTimeOffset.UtcNow:O}] \"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}\" {http.Response.StatusCode} - {http.Connection.RemoteIpAddress}");
                }
            });
        }

        app.MapGet("/ready", (HttpContext http) =>
        {
            var state = runtime.State;
            http.Response.StatusCode = state == ServerState.Live ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            return Results.Text(StateName(state) + "\n", Text);
        });
        app.MapGet("/server_info", async (HttpContext http) =>
        {
            http.Response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("version", "cloudmesh-proxy/" + typeof(AdminServer).Assembly.GetName().Version);
            json.WriteString("state", StateName(runtime.State));
            json.WriteString("node", runtime.NodeId);
            json.WriteNumber("uptime_current_epoch", (long)runtime.Uptime.TotalSeconds);
            json.WriteEndObject();
        });
        app.MapGet("/config_dump", async (HttpContext http) =>
        {
            http.Response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { Indented = true });
            ConfigDump.Write(json, runtime.AcceptedState, runtime.XdsStatus, runtime.NodeId);
        });
        app.MapGet("/memory", async (HttpContext http) =>
        {
            http.Response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { Indented = true });
            MemoryReport.Write(json);
        });
        app.MapGet("/certs", async (HttpContext http) =>
        {
            http.Response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { Indented = true });
            CertificatesReport.Write(json, runtime.Stats.Certificates(), DateTimeOffset.UtcNow);
        });
        app.MapGet("/clusters", () => Results.Text(runtime.Stats.Clusters(), Text));
        app.MapGet("/stats", () => Results.Text(runtime.Stats.Plain(), Text));
        app.MapGet("/stats/prometheus", () => Results.Text(runtime.Stats.Prometheus(), "text/plain; version=0.0.4; charset=utf-8"));
        app.MapPost("/quitquitquit", () =>
        {
            runtime.RequestStop();
            return Results.Text("OK\n", Text);
        });
        await app.StartAsync();
        return new AdminServer(app, accessLog);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _accessLog?.Dispose();
    }

    /// <summary>Envoy's names for its server states (envoy.admin.v3.ServerInfo.State).</summary>
    private static string StateName(ServerState state) => state switch
    {
        ServerState.Live => "LIVE",
        ServerState.Draining => "DRAINING",
        _ => "PRE_INITIALIZING",
    };

    private static StreamWriter OpenAccessLog(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), Encoding.UTF8) { AutoFlush = true };
    }
}
