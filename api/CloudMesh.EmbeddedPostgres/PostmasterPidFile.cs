namespace CloudMesh.EmbeddedPostgres;

/// <summary>Reads <c>postmaster.pid</c>, which a running server writes into its data directory.</summary>
internal static class PostmasterPidFile
{
    /// <summary>The file's path inside <paramref name="dataDirectory"/>.</summary>
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "postmaster.pid");

    /// <summary>The server's pid and port (lines 1 and 4 of the file), or null when absent or still being written.</summary>
    public static (int Pid, int Port)? TryRead(string dataDirectory)
    {
        try
        {
            var lines = File.ReadAllLines(PathIn(dataDirectory));
            return lines.Length >= 4 && int.TryParse(lines[0].Trim(), out var pid) && int.TryParse(lines[3].Trim(), out var port)
                ? (pid, port)
                : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
