using System.Net;
using System.Net.Http.Json;
using Amazon.Runtime;
using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.AppMesh.Model;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Sdk.Tests.AppMesh;

/// <summary>
/// Every error code the real server produces arrives as the SDK's typed exception, with the message, error code,
/// request id and HTTP status the server sent. (ServiceUnavailable and InternalServerError need a failing server:
/// see <see cref="RetryTests"/>.)
/// </summary>
[Collection(SdkApiCollection.Name)]
public sealed class ErrorTests(CloudMeshApiFixture api)
{
    [Fact]
    public async Task A_violated_constraint_is_a_bad_request()
    {
        var (client, _) = await SdkClients.ForNewTenantAsync(api);
        using var __ = client;

        var error = await Assert.ThrowsAsync<BadRequestException>(() =>
            client.CreateMeshAsync(new CreateMeshRequest { MeshName = new string('a', 256) }));
        AssertError(error, "BadRequestException", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_missing_resource_is_not_found()
    {
        var (client, _) = await SdkClients.ForNewTenantAsync(api);
        using var __ = client;

        var error = await Assert.ThrowsAsync<NotFoundException>(() => client.DescribeMeshAsync(new DescribeMeshRequest { MeshName = "nope" }));
        AssertError(error, "NotFoundException", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_duplicate_name_is_a_conflict()
    {
        var (client, _) = await SdkClients.ForNewTenantAsync(api);
        using var __ = client;
        await client.CreateMeshAsync(new CreateMeshRequest { MeshName = "dup" });

        var error = await Assert.ThrowsAsync<ConflictException>(() => client.CreateMeshAsync(new CreateMeshRequest { MeshName = "dup" }));
        AssertError(error, "ConflictException", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_client_token_replays_the_same_request_and_conflicts_with_another()
    {
        var (client, _) = await SdkClients.ForNewTenantAsync(api);
        using var __ = client;
        var token = Guid.NewGuid().ToString();

        var first = (await client.CreateMeshAsync(new CreateMeshRequest { MeshName = "idem", ClientToken = token })).Mesh!;
        var replay = (await client.CreateMeshAsync(new CreateMeshRequest { MeshName = "idem", ClientToken = token })).Mesh!;
        Assert.Equal(first.Metadata!.Uid, replay.Metadata!.Uid);

        var error = await Assert.ThrowsAsync<ConflictException>(() =>
            client.CreateMeshAsync(new CreateMeshRequest { MeshName = "other", ClientToken = token }));
        AssertError(error, "ConflictException", HttpStatusCode.Conflict);
        Assert.Contains("clientToken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_mesh_with_resources_is_resource_in_use()
    {
        var (client, _) = await SdkClients.ForNewTenantAsync(api);
        using var __ = client;
        await client.CreateMeshAsync(new CreateMeshRequest { MeshName = "busy" });
        await client.CreateVirtualNodeAsync(new CreateVirtualNodeRequest { MeshName = "busy", VirtualNodeName = "vn", Spec = SampleMesh.NodeSpec() });

        var error = await Assert.ThrowsAsync<ResourceInUseException>(() => client.DeleteMeshAsync(new DeleteMeshRequest { MeshName = "busy" }));
        AssertError(error, "ResourceInUseException", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Another_accounts_mesh_owner_is_forbidden()
    {
        var (client, _) = await SdkClients.ForNewTenantAsync(api);
        using var __ = client;
        await client.CreateMeshAsync(new CreateMeshRequest { MeshName = "mine" });

        var error = await Assert.ThrowsAsync<ForbiddenException>(() =>
            client.DescribeMeshAsync(new DescribeMeshRequest { MeshName = "mine", MeshOwner = "999999999999" }));
        AssertError(error, "ForbiddenException", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_wrong_secret_is_an_invalid_signature()
    {
        var tenant = await api.CreateTenantAsync("badsig");
        using var client = SdkClients.For(api.Endpoint, tenant with { SecretAccessKey = tenant.SecretAccessKey + "x" });

        // SigV4 failures are not App Mesh error shapes: the SDK throws its base exception carrying the code.
        var error = await Assert.ThrowsAsync<AmazonAppMeshException>(() => client.ListMeshesAsync(new ListMeshesRequest()));
        Assert.Equal(typeof(AmazonAppMeshException), error.GetType());
        AssertError(error, "InvalidSignatureException", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_unknown_access_key_is_an_unrecognized_client()
    {
        var tenant = await api.CreateTenantAsync("unknownkey");
        using var client = SdkClients.For(api.Endpoint, tenant with { AccessKeyId = "AKIAUNKNOWNKEY000000" });

        var error = await Assert.ThrowsAsync<AmazonAppMeshException>(() => client.ListMeshesAsync(new ListMeshesRequest()));
        AssertError(error, "UnrecognizedClientException", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_tenant_over_its_quota_gets_limit_exceeded()
    {
        var (client, tenant) = await SdkClients.ForNewTenantAsync(api);
        using var __ = client;
        await SetLimitsAsync(tenant, new { quotas = new { meshes = 1 } });
        await client.CreateMeshAsync(new CreateMeshRequest { MeshName = "one" });

        var error = await Assert.ThrowsAsync<LimitExceededException>(() => client.CreateMeshAsync(new CreateMeshRequest { MeshName = "two" }));
        AssertError(error, "LimitExceededException", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Too_many_tags_on_a_resource_is_too_many_tags()
    {
        var (client, _) = await SdkClients.ForNewTenantAsync(api);
        using var __ = client;
        var arn = (await client.CreateMeshAsync(new CreateMeshRequest
        {
            MeshName = "tags",
            Tags = Enumerable.Range(0, 50).Select(i => new TagRef { Key = $"k{i}", Value = "v" }).ToList(),
        })).Mesh!.Metadata!.Arn;

        var error = await Assert.ThrowsAsync<TooManyTagsException>(() => client.TagResourceAsync(new TagResourceRequest
        {
            ResourceArn = arn,
            Tags = [new TagRef { Key = "one-more", Value = "v" }],
        }));
        AssertError(error, "TooManyTagsException", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_tenant_over_its_rate_gets_too_many_requests_when_retries_are_disabled()
    {
        var tenant = await api.CreateTenantAsync("throttled");
        await SetLimitsAsync(tenant, new { requestsPerSecond = 1, burst = 1 });
        using var client = SdkClients.For(api.Endpoint, tenant, maxErrorRetry: 0);

        // The bucket holds one request and refills one per second, so back-to-back calls run dry.
        TooManyRequestsException? throttled = null;
        for (var i = 0; i < 20 && throttled is null; i++)
        {
            try
            {
                await client.ListMeshesAsync(new ListMeshesRequest());
            }
            catch (TooManyRequestsException e)
            {
                throttled = e;
            }
        }

        Assert.NotNull(throttled);
        AssertError(throttled, "TooManyRequestsException", HttpStatusCode.TooManyRequests);
        Assert.True(throttled.Retryable.Throttling);
    }

    private async Task SetLimitsAsync(TenantCredentials tenant, object limits)
    {
        using var admin = api.AdminHttp();
        (await admin.PutAsJsonAsync($"/admin/v1/tenants/{tenant.AccountId}/limits", limits)).EnsureSuccessStatusCode();
    }

    private static void AssertError(AmazonServiceException error, string code, HttpStatusCode status)
    {
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(status, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }
}
