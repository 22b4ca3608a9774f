using System.Globalization;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// Loaded by the runtime into the CloudMesh server when <c>DOTNET_STARTUP_HOOKS</c> names this assembly (the runtime
/// looks for a type named <c>StartupHook</c> outside any namespace). It answers every connection to the Unix socket
/// named by <c>CLOUDMESH_BENCH_HEAP_SOCKET</c> with the managed heap after a full blocking collection, so the benchmark
/// reads the server's heap without product code doing it. Without the variable it does nothing.
/// </summary>
internal static class StartupHook
{
    /// <summary>The environment variable holding the socket path.</summary>
    public const string SocketVariable = "CLOUDMESH_BENCH_HEAP_SOCKET";

    /// <summary>Called by the runtime before the server's <c>Main</c>.</summary>
    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable(SocketVariable);
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        File.Delete(path);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);
        // A background thread: it must never keep the server alive, and it costs nothing between requests.
        new Thread(() => Serve(listener)) { IsBackground = true, Name = "bench-heap-probe" }.Start();
    }

    private static void Serve(Socket listener)
    {
        while (true)
        {
            using var client = listener.Accept();
            try
            {
                client.Send(Encoding.ASCII.GetBytes(Measure() + "\n"));
            }
            catch (SocketException)
            {
                // The benchmark went away mid-answer; wait for the next one.
            }
        }
    }

    /// <summary>One JSON line: live managed bytes after a full compacting collection, and the GC's own view of the heap.</summary>
    private static string Measure()
    {
        // Twice, with finalizers in between, so objects kept alive only by finalization are gone too.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var live = GC.GetTotalMemory(forceFullCollection: false);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"liveBytes\":{live},\"heapSizeBytes\":{info.HeapSizeBytes},\"committedBytes\":{info.TotalCommittedBytes}}}");
    }
}
