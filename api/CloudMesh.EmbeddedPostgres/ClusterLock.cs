namespace CloudMesh.EmbeddedPostgres;

/// <summary>
/// An exclusive lock on a file beside the data directory, so that processes starting the same persistent
/// cluster at once take turns: the first creates and starts it, the others find it running and attach.
/// </summary>
internal sealed class ClusterLock : IDisposable
{
    private readonly FileStream _stream;

    private ClusterLock(FileStream stream) => _stream = stream;

    /// <summary>Waits until the lock for <paramref name="dataDirectory"/> is free and takes it.</summary>
    public static async Task<ClusterLock> AcquireAsync(string dataDirectory, CancellationToken ct)
    {
        var path = dataDirectory.TrimEnd('/') + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            try
            {
                // On Unix, FileShare.None takes an advisory flock; it is released when the stream closes or the process dies.
                return new ClusterLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
