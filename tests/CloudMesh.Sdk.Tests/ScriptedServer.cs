using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Sdk.Tests;

/// <summary>
/// A tiny real HTTP server on loopback (Kestrel) that answers with a script of canned responses and records every
/// request. It stands in for CloudMesh only where the real server cannot be made to fail on cue (a 429 or a 503
/// followed by success) and where a test inspects the exact bytes the SDK sends.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ScriptedResponse _fallback;

    private ScriptedServer(WebApplication app, ScriptedResponse fallback)
    {
        _app = app;
        _fallback = fallback;
    }

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Starts a server that plays <paramref name="script"/> in order, then answers <paramref name="fallback"/>.</summary>
    public static async Task<ScriptedServer> StartAsync(ScriptedResponse fallback, params ScriptedResponse[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ScriptedServer(app, fallback);
        foreach (var step in script)
        {
            server._script.Enqueue(step);
        }

        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address);
        return server;
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var body = new StreamReader(http.Request.Body);
        Requests.Enqueue(new RecordedRequest(
            http.Request.Method,
            http.Request.Path + http.Request.QueryString,
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            await body.ReadToEndAsync()));
        var response = _script.TryDequeue(out var next) ? next : _fallback;
        http.Response.StatusCode = response.Status;
        http.Response.Headers["x-amzn-RequestId"] = $"scripted-{Requests.Count}";
        if (response.ErrorType is not null)
        {
            http.Response.Headers["x-amzn-ErrorType"] = response.ErrorType;
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(response.Body);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One canned response.</summary>
public sealed record ScriptedResponse(int Status, string Body, string? ErrorType = null)
{
    public static ScriptedResponse Error(int status, string code, string message) =>
        new(status, $$"""{"message":"{{message}}"}""", code);
}

/// <summary>A request as the scripted server received it.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
