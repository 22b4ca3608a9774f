namespace CloudMesh.EmbeddedPostgres;

/// <summary>Reads the last lines of a server log for error messages.</summary>
internal static class LogTail
{
    /// <summary>The last <paramref name="lines"/> lines of <paramref name="path"/>, or a note when it cannot be read.</summary>
    public static string Read(string path, int lines = 30)
    {
        try
        {
            // Share with the server, which keeps the file open for appending.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(log unavailable: {ex.Message})";
        }
    }
}
