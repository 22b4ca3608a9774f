using Amazon.Runtime.CredentialManagement;

namespace CloudMesh.Cli.Configuration;

/// <summary>The default tenant's access key, read from the credentials file the server writes on first start.</summary>
/// <param name="AccessKeyId">The access key id.</param>
/// <param name="SecretAccessKey">The secret.</param>
internal sealed record DefaultTenantKey(string AccessKeyId, string SecretAccessKey)
{
    /// <summary>Reads the <c>cloudmesh</c> profile of <paramref name="file"/>; false when the file or the profile is missing.</summary>
    public static bool TryRead(string file, out DefaultTenantKey key)
    {
        key = null!;
        if (!File.Exists(file)
            || !new SharedCredentialsFile(file).TryGetProfile(TenantCredentials.CloudMeshProfile, out var profile)
            || profile.Options.AccessKey is not { Length: > 0 } id || profile.Options.SecretKey is not { Length: > 0 } secret)
        {
            return false;
        }

        key = new DefaultTenantKey(id, secret);
        return true;
    }
}
