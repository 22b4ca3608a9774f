using System.Net;
using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.AppMesh.Model;
using Xunit;

namespace CloudMesh.Sdk.Tests.AppMesh;

/// <summary>
/// AWSSDK.Core's retry policy applies to App Mesh errors: throttling (429) and 5xx are retried and the call succeeds;
/// when retries run out the typed error surfaces. The real CloudMesh server cannot fail on cue, so these tests use a
/// real loopback HTTP server (<see cref="ScriptedServer"/>) that answers a scripted sequence.
/// </summary>
public sealed class RetryTests
{
    private const string MeshBody = """
        {"meshName":"m","metadata":{"arn":"arn:aws:appmesh:us-east-1:111111111111:mesh/m","createdAt":1700000000.5,
         "lastUpdatedAt":1700000001.25,"meshOwner":"111111111111","resourceOwner":"111111111111","uid":"u-1","version":1},
         "spec":{},"status":{"status":"ACTIVE"}}
        """;

    [Fact]
    public async Task A_throttled_request_is_retried_and_succeeds()
    {
        await using var server = await ScriptedServer.StartAsync(
            new ScriptedResponse(200, MeshBody),
            ScriptedResponse.Error(429, "TooManyRequestsException", "Rate exceeded"));
        using var client = SdkClients.ForScripted(server);

        var mesh = (await client.DescribeMeshAsync(new DescribeMeshRequest { MeshName = "m" })).Mesh!;

        Assert.Equal("m", mesh.MeshName);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("/v20190125/meshes/m", r.PathAndQuery));
    }

    [Fact]
    public async Task Service_unavailable_and_internal_errors_are_retried()
    {
        await using var server = await ScriptedServer.StartAsync(
            new ScriptedResponse(200, MeshBody),
            ScriptedResponse.Error(503, "ServiceUnavailableException", "database unavailable"),
            ScriptedResponse.Error(500, "InternalServerErrorException", "defect"));
        using var client = SdkClients.ForScripted(server);

        Assert.Equal("m", (await client.DescribeMeshAsync(new DescribeMeshRequest { MeshName = "m" })).Mesh!.MeshName);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task When_retries_run_out_the_typed_error_is_thrown()
    {
        await using var server = await ScriptedServer.StartAsync(ScriptedResponse.Error(429, "TooManyRequestsException", "Rate exceeded"));
        using var client = SdkClients.ForScripted(server, maxErrorRetry: 2);

        var error = await Assert.ThrowsAsync<TooManyRequestsException>(() => client.DescribeMeshAsync(new DescribeMeshRequest { MeshName = "m" }));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("Rate exceeded", error.Message);
        Assert.Equal("scripted-3", error.RequestId);
    }

    [Theory]
    [InlineData(503, "ServiceUnavailableException", typeof(ServiceUnavailableException))]
    [InlineData(500, "InternalServerErrorException", typeof(InternalServerErrorException))]
    [InlineData(418, "SomethingNewException", typeof(AmazonAppMeshException))]
    public async Task Server_errors_map_to_their_exception_types(int status, string code, Type expected)
    {
        await using var server = await ScriptedServer.StartAsync(ScriptedResponse.Error(status, code, "failed"));
        using var client = SdkClients.ForScripted(server, maxErrorRetry: 0);

        var error = await Assert.ThrowsAnyAsync<AmazonAppMeshException>(() => client.DescribeMeshAsync(new DescribeMeshRequest { MeshName = "m" }));

        Assert.Equal(expected, error.GetType());
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
    }
}
