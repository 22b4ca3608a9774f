namespace CloudMesh.EmbeddedPostgres;

/// <summary>Finds the folder holding the PostgreSQL server programs.</summary>
internal static class PostgresBinaries
{
    private const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>The explicit folder if given, else the highest-version folder among PATH and Debian's layout.</summary>
    public static string Locate(string? explicitDirectory)
    {
        if (explicitDirectory is not null)
        {
            return HasServerPrograms(explicitDirectory)
                ? Path.GetFullPath(explicitDirectory)
                : throw new PostgresClusterException($"'{explicitDirectory}' does not hold initdb, pg_ctl and postgres.");
        }

        var best = Candidates()
            .Where(HasServerPrograms)
            .Select(dir => (Dir: dir, Version: MajorVersion(dir)))
            .OrderByDescending(c => c.Version)
            .FirstOrDefault();
        return best.Dir ?? throw new PostgresClusterException(
            $"No PostgreSQL server programs (initdb, pg_ctl, postgres) found on PATH or under {DebianRoot}/*/bin.");
    }

    private static IEnumerable<string> Candidates()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            // PATH entries are often symlinks into /usr/lib/postgresql/N/bin; resolve so the version is visible.
            var initdb = new FileInfo(Path.Combine(dir, "initdb"));
            if (initdb.Exists)
            {
                var target = initdb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb.FullName;
                yield return Path.GetDirectoryName(target)!;
            }
        }

        if (Directory.Exists(DebianRoot))
        {
            foreach (var versionDir in Directory.EnumerateDirectories(DebianRoot))
            {
                yield return Path.Combine(versionDir, "bin");
            }
        }
    }

    private static bool HasServerPrograms(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres"));

    // Reads N from .../postgresql/N/bin; folders without a version sort last.
    private static Version MajorVersion(string binDir)
    {
        var name = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(binDir).TrimEnd('/')) ?? "");
        return Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var v) ? v : new Version(0, 0);
    }
}
