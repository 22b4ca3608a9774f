using System.Text;
using System.Runtime.Versioning;

namespace CloudMesh.EmbeddedPostgres;

/// <summary>Creates a new cluster with initdb and writes the settings this library relies on.</summary>
[UnsupportedOSPlatform("windows")]
internal static class ClusterInitializer
{
    // Unix socket paths are limited to 107 bytes (sun_path) including ".s.PGSQL.<port>".
    private const int MaxSocketDirectoryLength = 90;

    /// <summary>Runs initdb in <paramref name="dataDirectory"/> and appends loopback-only, test- or durability-tuned settings.</summary>
    public static async Task InitializeAsync(
        ServerProgram program, ClusterAccount account, string dataDirectory, string? password, bool throwaway,
        Action<string> log, CancellationToken ct)
    {
        await account.PrepareDataDirectoryAsync(dataDirectory, log, ct);
        var args = new List<string>
        {
            "-D", dataDirectory, "-U", "postgres", "--encoding=UTF8", "--locale=C",
            "--auth-local=" + (password is null ? "trust" : "scram-sha-256"),
            "--auth-host=" + (password is null ? "trust" : "scram-sha-256"),
        };
        if (throwaway)
        {
            args.Add("--no-sync");
        }

        string? passwordFile = null;
        try
        {
            if (password is not null)
            {
                // initdb runs as the server's user and reads the password from a file it can open; the file lives only for this call.
                passwordFile = Path.Combine(Path.GetTempPath(), $"cloudmesh-pg-pw-{Guid.NewGuid():N}");
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
                using (var writer = new StreamWriter(passwordFile, options))
                {
                    writer.Write(password);
                }

                await account.GiveToServerUserAsync(passwordFile, ct);
                args.Add("--pwfile=" + passwordFile);
            }

            log($"initdb {dataDirectory}");
            var result = await program.RunAsync("initdb", args, ct);
            if (result.ExitCode != 0)
            {
                throw new PostgresClusterException($"initdb failed for '{dataDirectory}' (exit {result.ExitCode}):\n{result.Output}");
            }
        }
        finally
        {
            if (passwordFile is not null)
            {
                File.Delete(passwordFile);
            }
        }

        await File.AppendAllTextAsync(Path.Combine(dataDirectory, "postgresql.conf"), Settings(dataDirectory, throwaway), ct);
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "pg_hba.conf"), HostBasedAuth(password is null ? "trust" : "scram-sha-256"), ct);
    }

    private static string Settings(string dataDirectory, bool throwaway)
    {
        var socketDirectory = dataDirectory.Length <= MaxSocketDirectoryLength && !dataDirectory.Contains(',', StringComparison.Ordinal)
            ? dataDirectory
            : ""; // too long for a socket path: TCP only
        var conf = new StringBuilder()
            .AppendLine()
            .AppendLine("# Written by CloudMesh.EmbeddedPostgres: loopback TCP only, sockets inside the private data directory.")
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine($"unix_socket_directories = '{socketDirectory.Replace("'", "''", StringComparison.Ordinal)}'")
            .AppendLine("max_connections = 300");
        if (throwaway)
        {
            // Durability is worthless for a cluster deleted after the run; these make tests markedly faster.
            conf.AppendLine("fsync = off")
                .AppendLine("synchronous_commit = off")
                .AppendLine("full_page_writes = off");
        }

        return conf.ToString();
    }

    private static string HostBasedAuth(string method) =>
        $"""
        # Written by CloudMesh.EmbeddedPostgres: the socket directory is private, TCP is loopback only.
        local all all {method}
        host all all 127.0.0.1/32 {method}
        """ + "\n";
}
