using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.AppMesh.Model;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Sdk.Tests.AppMesh;

/// <summary>
/// Clients built without explicit credentials use AWSSDK.Core's chain: environment variables, then the shared
/// credentials file profile; and the endpoint can come from AWS_ENDPOINT_URL_APP_MESH. These tests change process
/// environment variables, so they run in one non-parallel collection and restore everything they touch.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class CredentialTests(SdkServerFixture api)
{
    private static readonly string[] Variables =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_CONFIG_FILE", "AWS_REGION", "AWS_ENDPOINT_URL_APP_MESH", "AWS_ENDPOINT_URL",
    ];

    [Fact]
    public async Task Credentials_come_from_environment_variables()
    {
        var tenant = await api.CreateTenantAsync("env");
        using var environment = new EnvironmentScope(Variables);
        environment.Set("AWS_ACCESS_KEY_ID", tenant.AccessKeyId);
        environment.Set("AWS_SECRET_ACCESS_KEY", tenant.SecretAccessKey);

        using var client = new AmazonAppMeshClient(new AmazonAppMeshConfig { ServiceURL = api.Endpoint.ToString() });
        var mesh = (await client.CreateMeshAsync(new CreateMeshRequest { MeshName = "from-env" })).Mesh!;
        Assert.Equal(tenant.AccountId, mesh.Metadata!.MeshOwner);
    }

    [Fact]
    public async Task Credentials_come_from_a_shared_credentials_file_profile()
    {
        var tenant = await api.CreateTenantAsync("profile");
        using var directory = new TempDirectory("sdk-credentials");
        var file = Path.Combine(directory.Path, "credentials");
        await File.WriteAllTextAsync(file,
            $"[default]\naws_access_key_id = AKIAWRONGWRONGWRONG0\naws_secret_access_key = wrong\n\n" +
            $"[cloudmesh]\naws_access_key_id = {tenant.AccessKeyId}\naws_secret_access_key = {tenant.SecretAccessKey}\n");
        using var environment = new EnvironmentScope(Variables);

        // AWSSDK.Core reads AWS_SHARED_CREDENTIALS_FILE once per process (the default file path is cached when first
        // used), so this test names the file through ClientConfig.Profile, AWS's in-code equivalent of
        // AWS_PROFILE + AWS_SHARED_CREDENTIALS_FILE; the client's default credential chain then reads the profile.
        var config = new AmazonAppMeshConfig { ServiceURL = api.Endpoint.ToString(), Profile = new Amazon.Profile("cloudmesh", file) };
        using var client = new AmazonAppMeshClient(config);
        var mesh = (await client.CreateMeshAsync(new CreateMeshRequest { MeshName = "from-profile" })).Mesh!;
        Assert.Equal(tenant.AccountId, mesh.Metadata!.MeshOwner);
    }

    [Fact]
    public async Task The_endpoint_and_region_come_from_environment_variables()
    {
        var tenant = await api.CreateTenantAsync("endpoint");
        using var environment = new EnvironmentScope(Variables);
        environment.Set("AWS_ENDPOINT_URL_APP_MESH", api.Endpoint.ToString());
        environment.Set("AWS_REGION", "us-east-1");

        using var client = new AmazonAppMeshClient(new Amazon.Runtime.BasicAWSCredentials(tenant.AccessKeyId, tenant.SecretAccessKey));
        Assert.StartsWith(api.Endpoint.ToString().TrimEnd('/'), client.DetermineServiceOperationEndpoint(new ListMeshesRequest()).URL, StringComparison.Ordinal);
        Assert.Empty((await client.ListMeshesAsync(new ListMeshesRequest())).Meshes!);
    }

    [Fact]
    public void Without_an_endpoint_the_client_says_how_to_configure_one()
    {
        using var environment = new EnvironmentScope(Variables);
        using var client = new AmazonAppMeshClient(new Amazon.Runtime.BasicAWSCredentials("AKIAEXAMPLE000000000", "secret"));

        var error = Assert.Throws<Amazon.Runtime.AmazonClientException>(() => client.DetermineServiceOperationEndpoint(new ListMeshesRequest()));
        Assert.Contains("ServiceURL", error.Message, StringComparison.Ordinal);
    }
}
