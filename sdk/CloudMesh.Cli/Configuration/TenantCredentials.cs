using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace CloudMesh.Cli.Configuration;

/// <summary>
/// The tenant credentials the CLI signs App Mesh calls with, found the way AWS tools find them, narrowed to what makes
/// sense for a self-hosted service (no instance metadata service): the <c>--profile</c>/<c>AWS_PROFILE</c> profile;
/// else <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>; else the <c>cloudmesh</c> profile that
/// <c>cloudmesh up</c> writes; else the default tenant's credentials file in CloudMesh's home; else the
/// <c>default</c> profile.
/// </summary>
internal static class TenantCredentials
{
    /// <summary>The AWS profile name <c>cloudmesh up</c> writes.</summary>
    public const string CloudMeshProfile = "cloudmesh";

    /// <summary>Resolves credentials and region; throws <see cref="CliException"/> when there are none.</summary>
    public static (AWSCredentials Credentials, string Region, string Source) Resolve(CliSettings settings, Func<string, string?> env)
    {
        var store = new CredentialProfileStoreChain();
        if (settings.Profile is { } named)
        {
            if (TryProfile(store, named, out var fromProfile, out var profileRegion))
            {
                return (fromProfile, settings.Region ?? profileRegion ?? DefaultRegion, $"profile '{named}'");
            }

            if (named == CloudMeshProfile && TryHomeFile(settings, out var fromHome))
            {
                return (fromHome, settings.Region ?? DefaultRegion, settings.DefaultTenantCredentialsFile);
            }

            throw new CliException($"The AWS profile '{named}' does not exist or has no credentials.");
        }

        if (!string.IsNullOrEmpty(env("AWS_ACCESS_KEY_ID")) && !string.IsNullOrEmpty(env("AWS_SECRET_ACCESS_KEY")))
        {
            var token = env("AWS_SESSION_TOKEN");
            AWSCredentials keys = string.IsNullOrEmpty(token)
                ? new BasicAWSCredentials(env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"))
                : new SessionAWSCredentials(env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"), token);
            return (keys, settings.Region ?? DefaultRegion, "AWS_ACCESS_KEY_ID");
        }

        if (TryProfile(store, CloudMeshProfile, out var cloudmesh, out var cloudmeshRegion))
        {
            return (cloudmesh, settings.Region ?? cloudmeshRegion ?? DefaultRegion, $"profile '{CloudMeshProfile}'");
        }

        if (TryHomeFile(settings, out var home))
        {
            return (home, settings.Region ?? DefaultRegion, settings.DefaultTenantCredentialsFile);
        }

        if (TryProfile(store, "default", out var fallback, out var defaultRegion))
        {
            return (fallback, settings.Region ?? defaultRegion ?? DefaultRegion, "profile 'default'");
        }

        throw new CliException("No tenant credentials: pass --profile, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                               + $"or run `cloudmesh up` (it writes the '{CloudMeshProfile}' profile).");
    }

    /// <summary>The region used when none is configured anywhere; CloudMesh's own default.</summary>
    public const string DefaultRegion = "us-east-1";

    private static bool TryProfile(CredentialProfileStoreChain store, string name, out AWSCredentials credentials, out string? region)
    {
        credentials = null!;
        region = null;
        if (!store.TryGetProfile(name, out var profile) || !profile.CanCreateAWSCredentials)
        {
            return false;
        }

        credentials = profile.GetAWSCredentials(store);
        region = profile.Region?.SystemName;
        return true;
    }

    private static bool TryHomeFile(CliSettings settings, out AWSCredentials credentials)
    {
        credentials = null!;
        if (!DefaultTenantKey.TryRead(settings.DefaultTenantCredentialsFile, out var key))
        {
            return false;
        }

        credentials = new BasicAWSCredentials(key.AccessKeyId, key.SecretAccessKey);
        return true;
    }
}
