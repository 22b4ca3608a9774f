using System.Security.Cryptography;
using CloudMesh.Api.Hosting;

namespace CloudMesh.Api.Security;

/// <summary>
/// The service's secrets: the encryption key and the admin token. Each comes from configuration or, when not
/// configured, is generated once into a 0600 file under <c>CLOUDMESH_HOME</c> and reused on every later start.
/// </summary>
public sealed record KeyMaterial(byte[] EncryptionKey, string AdminToken, string? AdminTokenFile)
{
    /// <summary>Loads or creates the key material for <paramref name="options"/>.</summary>
    public static KeyMaterial Load(CloudMeshOptions options)
    {
        byte[] key;
        if (options.EncryptionKey is { } configured)
        {
            try
            {
                key = Convert.FromBase64String(configured);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException("CLOUDMESH_ENCRYPTION_KEY must be the base64 encoding of 32 random bytes.");
            }

            if (key.Length != 32)
            {
                throw new InvalidOperationException($"CLOUDMESH_ENCRYPTION_KEY must decode to 32 bytes, not {key.Length}.");
            }
        }
        else
        {
            key = Convert.FromBase64String(ReadOrCreate(Path.Combine(options.Home, "encryption-key"),
                () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        }

        if (options.AdminToken is { } token)
        {
            return new KeyMaterial(key, token, null);
        }

        var tokenFile = Path.Combine(options.Home, "admin-token");
        return new KeyMaterial(key, ReadOrCreate(tokenFile, () => "cmadm_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))), tokenFile);
    }

    private static string ReadOrCreate(string path, Func<string> create)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var value = create();
        var temp = path + "." + Environment.ProcessId + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, fileOptions))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(value);
        }

        try
        {
            // Another instance starting at the same moment may have won; keep its value so both agree.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }

        return File.ReadAllText(path).Trim();
    }
}
