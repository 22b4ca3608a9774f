using System.Diagnostics;

namespace CloudMesh.EmbeddedPostgres;

/// <summary>Runs one PostgreSQL program (initdb, pg_ctl) as <c>runAsUser</c> (null: the current user) and collects its output.</summary>
internal sealed class ServerProgram(string binDirectory, string? runAsUser)
{
    /// <summary>The exit code and combined output of one run.</summary>
    public readonly record struct Result(int ExitCode, string Output);

    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/> and waits for it to exit.</summary>
    public async Task<Result> RunAsync(string program, IEnumerable<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(Path.Combine(binDirectory, program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server's user may not be able to enter our working directory; "/" always works.
            WorkingDirectory = "/",
        };
        if (runAsUser is not null)
        {
            psi.UserName = runAsUser;
        }

        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        // Ambient libpq settings would override what this library chose (port, data dir, host).
        foreach (var name in new[] { "PGDATA", "PGPORT", "PGHOST", "PGHOSTADDR", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGOPTIONS" })
        {
            psi.Environment.Remove(name);
        }

        psi.Environment["LC_MESSAGES"] = "C";

        using var process = Process.Start(psi) ?? throw new PostgresClusterException($"Could not start '{psi.FileName}'.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new Result(process.ExitCode, (await stdout) + (await stderr));
    }
}
