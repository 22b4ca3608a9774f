using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace CloudMesh.EmbeddedPostgres;

/// <summary>The generated superuser password of a persistent cluster, kept in a 0600 file beside its data directory.</summary>
[UnsupportedOSPlatform("windows")]
internal static class ClusterPassword
{
    /// <summary>The password file for <paramref name="dataDirectory"/>: <c>&lt;DataDirectory&gt;/../postgres-password</c>.</summary>
    public static string FileFor(string dataDirectory) =>
        Path.Combine(Path.GetDirectoryName(dataDirectory.TrimEnd('/'))!, "postgres-password");

    /// <summary>Reads the stored password, or generates and stores one when there is none.</summary>
    public static string ReadOrCreate(string dataDirectory)
    {
        var path = FileFor(dataDirectory);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(password);
        }

        return password;
    }
}
