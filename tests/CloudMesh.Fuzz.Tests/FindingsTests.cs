using System.Net;
using CloudMesh.TestSupport.ApiServer;

namespace CloudMesh.Fuzz.Tests;

/// <summary>
/// The fuzzer's findings, each pinned down as one request: inputs the model allows (or a client can send) that the
/// service must refuse with a 400, not fail on with a 500.
/// </summary>
public sealed class FindingsTests(CloudMeshApiFixture api) : IClassFixture<CloudMeshApiFixture>
{
    public static TheoryData<string, string> MalformedStrings => new()
    {
        // System.Text.Json cannot read a lone surrogate back as a string.
        { "lone high surrogate in a name", """{"meshName":"a\ud800b"}""" },
        { "lone low surrogate in a spec string", """{"meshName":"s1","spec":{"egressFilter":{"type":"ALLOW_ALL"}},"tags":[{"key":"k","value":"\udc00"}]}""" },
        // PostgreSQL text and jsonb cannot hold NUL.
        { "NUL in a name", """{"meshName":"a\u0000b"}""" },
        { "NUL in a tag value", """{"meshName":"s2","tags":[{"key":"k","value":"\u0000"}]}""" },
    };

    [Theory]
    [MemberData(nameof(MalformedStrings))]
    public async Task Strings_that_cannot_be_stored_are_refused_as_bad_requests(string why, string body)
    {
        var client = await api.NewTenantClientAsync("findings");

        var response = await client.SendRawAsync(HttpMethod.Put, "/v20190125/meshes", body);

        Assert.True(response.Status == HttpStatusCode.BadRequest, $"{why}: {response}");
        Assert.Equal("BadRequestException", response.ErrorType);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_spec_string_is_refused_as_a_bad_request()
    {
        var client = await api.NewTenantClientAsync("findings");
        (await client.SendRawAsync(HttpMethod.Put, "/v20190125/meshes", """{"meshName":"vn-mesh"}""")).EnsureSuccess();

        var response = await client.SendRawAsync(HttpMethod.Put, "/v20190125/meshes/vn-mesh/virtualNodes",
            """{"virtualNodeName":"vn","spec":{"serviceDiscovery":{"dns":{"hostname":"a\ud800.local"}}}}""");

        Assert.True(response.Status == HttpStatusCode.BadRequest, response.ToString());
    }

    [Fact]
    public async Task A_client_token_too_long_to_index_is_not_a_server_error()
    {
        var client = await api.NewTenantClientAsync("findings");
        (await client.SendRawAsync(HttpMethod.Put, "/v20190125/meshes", """{"meshName":"token-mesh"}""")).EnsureSuccess();
        // Incompressible, so PostgreSQL cannot shrink it under the 2704-byte btree entry limit.
        var random = new Random(1);
        var token = new string(Enumerable.Range(0, 3000).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray());

        var response = await client.SendRawAsync(HttpMethod.Put, "/v20190125/meshes/token-mesh", $$"""{"clientToken":"{{token}}"}""");

        Assert.True((int)response.Status < 500, response.ToString());
    }
}
