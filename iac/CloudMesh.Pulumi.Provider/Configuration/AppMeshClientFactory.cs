using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using CloudMesh.Sdk.AppMesh;

namespace CloudMesh.Pulumi.Provider.Configuration;

/// <summary>Builds the SDK client a configuration describes: explicit keys, else a named profile, else the default chain.</summary>
internal static class AppMeshClientFactory
{
    /// <summary>How long one HTTP attempt may take; operation deadlines bound the whole call.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Creates the client.</summary>
    /// <exception cref="InvalidOperationException">The named profile does not exist.</exception>
    public static AmazonAppMeshClient Create(ProviderConfig config)
    {
        var clientConfig = new AmazonAppMeshConfig
        {
            ServiceURL = config.Endpoint.ToString(),
            AuthenticationRegion = config.Region,
            Timeout = AttemptTimeout,
        };
        if (config.AccessKey is { } accessKey && config.SecretKey is { } secretKey)
        {
            return new AmazonAppMeshClient(new BasicAWSCredentials(accessKey, secretKey), clientConfig);
        }

        if (config.Profile is { } profile)
        {
            var chain = new CredentialProfileStoreChain();
            if (!chain.TryGetAWSCredentials(profile, out var credentials))
            {
                throw new InvalidOperationException($"The AWS profile '{profile}' (cloudmesh:profile or AWS_PROFILE) was not found in the shared credentials files.");
            }

            return new AmazonAppMeshClient(credentials, clientConfig);
        }

        return new AmazonAppMeshClient(clientConfig);
    }
}
