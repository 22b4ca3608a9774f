using System.Diagnostics;
using System.Runtime.Versioning;

namespace CloudMesh.EmbeddedPostgres;

/// <summary>
/// The operating-system account that runs the server. PostgreSQL refuses to run as root, so under root
/// the programs run as the unprivileged <c>postgres</c> user and the data directory is handed to it.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class ClusterAccount
{
    private const string ServiceUser = "postgres";

    private ClusterAccount(string? runAsUser) => RunAsUser = runAsUser;

    /// <summary>The user to switch to when starting server programs; null runs them as the current user.</summary>
    public string? RunAsUser { get; }

    /// <summary>The account for this process: <c>postgres</c> when the effective uid is 0, else the current user.</summary>
    public static async Task<ClusterAccount> ForCurrentProcessAsync(Action<string> log, CancellationToken ct)
    {
        if (!IsEffectivelyRoot())
        {
            return new ClusterAccount(null);
        }

        if (await RunAsync("id", ["-u", ServiceUser], ct) != 0)
        {
            log($"creating system user '{ServiceUser}' because PostgreSQL cannot run as root");
            if (await RunAsync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", ServiceUser], ct) != 0)
            {
                throw new PostgresClusterException($"Running as root, and the '{ServiceUser}' user is missing and could not be created.");
            }
        }

        return new ClusterAccount(ServiceUser);
    }

    /// <summary>Gives the data directory to the server's user and makes every ancestor traversable by it.</summary>
    public async Task PrepareDataDirectoryAsync(string dataDirectory, Action<string> log, CancellationToken ct)
    {
        Directory.CreateDirectory(dataDirectory);
        File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (RunAsUser is null)
        {
            return;
        }

        await GiveToServerUserAsync(dataDirectory, ct);

        for (var dir = Path.GetDirectoryName(dataDirectory); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                // Execute only (no read): the server's user may pass through, not list.
                log($"allowing '{RunAsUser}' to traverse '{dir}'");
                File.SetUnixFileMode(dir, mode | UnixFileMode.OtherExecute);
            }
        }
    }

    /// <summary>Makes <paramref name="path"/> owned by the server's user (a no-op when running as the current user).</summary>
    public async Task GiveToServerUserAsync(string path, CancellationToken ct)
    {
        if (RunAsUser is not null && await RunAsync("chown", ["-R", $"{RunAsUser}:", path], ct) != 0)
        {
            throw new PostgresClusterException($"Could not give '{path}' to the '{RunAsUser}' user.");
        }
    }

    // /proc/self/status "Uid:" lists real, effective, saved and filesystem uids; the effective one decides.
    private static bool IsEffectivelyRoot()
    {
        var uidLine = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = uidLine?.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: >= 3 } && fields[2] == "0";
    }

    private static async Task<int> RunAsync(string program, string[] args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new PostgresClusterException($"Could not start '{program}'.");
        await Task.WhenAll(process.StandardOutput.ReadToEndAsync(ct), process.StandardError.ReadToEndAsync(ct), process.WaitForExitAsync(ct));
        return process.ExitCode;
    }
}
