using Amazon.Runtime;
using CloudMesh.Sdk.AppMesh;
using CloudMesh.TestSupport.ApiServer;

namespace CloudMesh.Sdk.Tests;

/// <summary>Builds SDK clients for a CloudMesh server, the way an application would configure them.</summary>
public static class SdkClients
{
    /// <summary>A client for a new tenant of <paramref name="api"/>, signing with that tenant's access key.</summary>
    public static async Task<(AmazonAppMeshClient Client, TenantCredentials Tenant)> ForNewTenantAsync(
        CloudMeshApiFixture api, string name = "sdk", int? maxErrorRetry = null)
    {
        var tenant = await api.CreateTenantAsync(name);
        return (For(api.Endpoint, tenant, maxErrorRetry), tenant);
    }

    public static AmazonAppMeshClient For(Uri endpoint, TenantCredentials tenant, int? maxErrorRetry = null) =>
        new(new BasicAWSCredentials(tenant.AccessKeyId, tenant.SecretAccessKey), Config(endpoint, maxErrorRetry));

    /// <summary>A client for a <see cref="ScriptedServer"/>, which accepts any signature.</summary>
    public static AmazonAppMeshClient ForScripted(ScriptedServer server, int? maxErrorRetry = null) =>
        new(new BasicAWSCredentials(ScriptedAccessKeyId, "secret"), Config(server.Endpoint, maxErrorRetry));

    /// <summary>The access key id <see cref="ForScripted"/> signs with.</summary>
    public const string ScriptedAccessKeyId = "AKIAEXAMPLE000000000";

    public static AmazonAppMeshConfig Config(Uri endpoint, int? maxErrorRetry = null)
    {
        var config = new AmazonAppMeshConfig { ServiceURL = endpoint.ToString() };
        if (maxErrorRetry is { } retries)
        {
            config.MaxErrorRetry = retries;
        }

        return config;
    }
}
