using System.Diagnostics;
using System.Globalization;

namespace CloudMesh.TestSupport;

/// <summary>
/// Removes throwaway test clusters whose test process died without cleaning up (a killed test host, or one
/// given too little time to finish its exit handler), so they do not pile up in the temp folder.
/// </summary>
internal static class StaleTestClusters
{
    /// <summary>The prefix of every folder <see cref="TestPostgres"/> creates under the temp folder.</summary>
    public const string FolderPrefix = "cloudmesh-test-pg-";

    /// <summary>The file in such a folder naming the test process that owns it.</summary>
    public const string OwnerFile = "owner.pid";

    /// <summary>Stops and deletes every cluster folder whose owning process is gone; never touches a live owner's.</summary>
    public static void Sweep()
    {
        foreach (var root in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            try
            {
                var owner = ReadPid(Path.Combine(root, OwnerFile));
                if (owner is null || IsAlive(owner.Value))
                {
                    continue;
                }

                var postmaster = ReadPid(Path.Combine(root, "data", "postmaster.pid"));
                if (postmaster is { } pid && IsAlive(pid))
                {
                    // SIGQUIT is PostgreSQL's immediate shutdown: children exit and shared memory is released.
                    using var kill = Process.Start("kill", ["-QUIT", pid.ToString(CultureInfo.InvariantCulture)]);
                    kill.WaitForExit();
                    for (var i = 0; i < 100 && IsAlive(pid); i++)
                    {
                        Thread.Sleep(100);
                    }
                }

                Directory.Delete(root, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another test process may be sweeping the same folder; leaving it for later is harmless.
            }
        }
    }

    private static int? ReadPid(string path)
    {
        try
        {
            var first = File.ReadLines(path).FirstOrDefault();
            return int.TryParse(first, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // A zombie (state Z in /proc/<pid>/stat) has exited; only its parent has not collected it yet.
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
