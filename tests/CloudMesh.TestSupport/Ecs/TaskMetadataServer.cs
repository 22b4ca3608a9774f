using System.Net;
using System.Text;

namespace CloudMesh.TestSupport.Ecs;

/// <summary>
/// A stand-in for the ECS agent's task metadata endpoint v4, because ECS cannot run here: a loopback HTTP server that
/// answers <c>GET /v4/&lt;container id&gt;/task</c> with the task document it was given (500 when there is none, or
/// for any other path), and records the paths asked. <see cref="ContainerUri"/> is what ECS puts in
/// <c>ECS_CONTAINER_METADATA_URI_V4</c>.
/// </summary>
public sealed class TaskMetadataServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string? _task;
    private readonly List<string> _paths = [];
    private readonly Task _loop;

    private TaskMetadataServer(string? task, int port)
    {
        _task = task;
        ContainerUri = $"http://127.0.0.1:{port}/v4/5a1c0f7e-1028351877";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The container's metadata URI (<c>ECS_CONTAINER_METADATA_URI_V4</c>); the task document is at <c>/task</c> below it.</summary>
    public string ContainerUri { get; }

    /// <summary>The paths requested so far.</summary>
    public IReadOnlyList<string> Paths
    {
        get
        {
            lock (_paths)
            {
                return [.. _paths];
            }
        }
    }

    /// <summary>Starts serving <paramref name="task"/> (null: every request fails with 500) on a free loopback port.</summary>
    public static TaskMetadataServer Start(string? task)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return new TaskMetadataServer(task, FreePort.Get());
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // The free port was taken in between: try another.
            }
        }
    }

    /// <summary>A task document of the shape AWS documents for Fargate (Proxy.Tests' testassets), with its awsvpc address replaced.</summary>
    /// <param name="document">The document's text.</param>
    /// <param name="address">The task's address to put in every <c>IPv4Addresses</c>.</param>
    public static string WithAddress(string document, string address) =>
        document.Replace("\"10.0.2.106\"", $"\"{address}\"", StringComparison.Ordinal);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            var path = context.Request.Url!.AbsolutePath;
            lock (_paths)
            {
                _paths.Add(path);
            }

            bool ok = _task is not null && path.StartsWith("/v4/", StringComparison.Ordinal) && path.EndsWith("/task", StringComparison.Ordinal);
            var body = Encoding.UTF8.GetBytes(ok ? _task! : "internal error");
            context.Response.StatusCode = ok ? 200 : 500;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
