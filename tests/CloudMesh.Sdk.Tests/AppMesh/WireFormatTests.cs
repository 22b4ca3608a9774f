using System.Text.Json.Nodes;
using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.AppMesh.Model;
using Xunit;

namespace CloudMesh.Sdk.Tests.AppMesh;

/// <summary>
/// The exact request the SDK puts on the wire (method, escaped labels, query, JSON body of set members only,
/// idempotency token) and how it reads timestamps, recorded by a loopback <see cref="ScriptedServer"/>.
/// </summary>
public sealed class WireFormatTests
{
    private const string ListBody = """{"meshes":[],"nextToken":null}""";

    [Fact]
    public async Task A_create_sends_only_set_members_and_a_fresh_client_token()
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedResponse(200, """{"meshName":"m"}"""));
        using var client = SdkClients.ForScripted(server, maxErrorRetry: 0);

        await client.CreateMeshAsync(new CreateMeshRequest { MeshName = "m", Spec = new MeshSpec() });
        await client.CreateMeshAsync(new CreateMeshRequest { MeshName = "m", ClientToken = "fixed" });

        var requests = server.Requests.ToArray();
        Assert.Equal("PUT", requests[0].Method);
        Assert.Equal("/v20190125/meshes", requests[0].PathAndQuery);
        Assert.StartsWith("application/json", requests[0].Headers["Content-Type"], StringComparison.Ordinal);
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={SdkClients.ScriptedAccessKeyId}/", requests[0].Headers["Authorization"], StringComparison.Ordinal);
        Assert.Contains("/us-east-1/appmesh/aws4_request", requests[0].Headers["Authorization"], StringComparison.Ordinal);
        var body = JsonNode.Parse(requests[0].Body)!.AsObject();
        Assert.Equal(["clientToken", "meshName", "spec"], body.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.True(Guid.TryParse(body["clientToken"]!.GetValue<string>(), out _));
        Assert.Equal("{}", body["spec"]!.ToJsonString());
        Assert.Equal("fixed", JsonNode.Parse(requests[1].Body)!["clientToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task Labels_are_escaped_and_query_members_sent()
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedResponse(200, ListBody));
        using var client = SdkClients.ForScripted(server, maxErrorRetry: 0);

        await client.ListVirtualNodesAsync(new ListVirtualNodesRequest { MeshName = "a b", Limit = 5, NextToken = "t/1" });

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.StartsWith("/v20190125/meshes/a%20b/virtualNodes?", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("limit=5", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("nextToken=t%2F1", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("", request.Body);
    }

    [Fact]
    public async Task A_missing_label_fails_before_sending()
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedResponse(200, "{}"));
        using var client = SdkClients.ForScripted(server, maxErrorRetry: 0);

        var error = await Assert.ThrowsAsync<AmazonAppMeshException>(() => client.DescribeMeshAsync(new DescribeMeshRequest()));
        Assert.Contains("MeshName", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Timestamps_are_read_as_utc_with_their_fraction()
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedResponse(200, """
            {"meshName":"m","metadata":{"createdAt":1700000000.5,"lastUpdatedAt":1700000001,"version":3},"status":{"status":"NEWSTATUS"}}
            """));
        using var client = SdkClients.ForScripted(server, maxErrorRetry: 0);

        var mesh = (await client.DescribeMeshAsync(new DescribeMeshRequest { MeshName = "m" })).Mesh!;

        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, 500, DateTimeKind.Utc), mesh.Metadata!.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, mesh.Metadata.CreatedAt!.Value.Kind);
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 21, DateTimeKind.Utc), mesh.Metadata.LastUpdatedAt);
        Assert.Equal(3L, mesh.Metadata.Version);
        Assert.Equal("NEWSTATUS", mesh.Status!.Status!.Value); // a value this SDK does not define still arrives
    }
}
