using System.Net;
using System.Text.Json.Nodes;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Api.Tests.Integration;

/// <summary>The endpoint registry API (/cloudmesh/v1), through the real server with SigV4-signed requests.</summary>
[Collection(ApiCollection.Name)]
public sealed class RegistryApiTests(CloudMeshApiFixture api)
{
    private const string Node = """{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}],"serviceDiscovery":{"awsCloudMap":{"namespaceName":"local","serviceName":"web"}}}""";

    private static async Task<AppMeshTestClient> TenantWithNodeAsync(CloudMeshApiFixture api, string mesh = "m")
    {
        var client = await api.NewTenantClientAsync();
        (await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = mesh })).EnsureSuccess();
        (await client.PutAsync($"/v20190125/meshes/{mesh}/virtualNodes", new JsonObject
        {
            ["virtualNodeName"] = "web",
            ["spec"] = JsonNode.Parse(Node),
        })).EnsureSuccess();
        return client;
    }

    [Fact]
    public async Task Instances_are_registered_listed_replaced_and_deregistered()
    {
        var client = await TenantWithNodeAsync(api);
        const string path = "/cloudmesh/v1/meshes/m/virtualNodes/web/instances";

        var put = (await client.PutAsync(path + "/i-1", new JsonObject
        {
            ["address"] = "10.0.0.5",
            ["port"] = 8080,
            ["attributes"] = new JsonObject { ["stage"] = "prod" },
        })).EnsureSuccess();
        var instance = put.Body!["instance"]!;
        Assert.Equal("i-1", instance["instanceId"]!.GetValue<string>());
        Assert.Equal("HEALTHY", instance["healthStatus"]!.GetValue<string>());
        Assert.Equal("api", instance["source"]!.GetValue<string>());
        Assert.Equal("prod", instance["attributes"]!["stage"]!.GetValue<string>());

        (await client.PutAsync(path + "/i-2", new JsonObject { ["address"] = "fd00::2", ["healthStatus"] = "UNHEALTHY" })).EnsureSuccess();
        (await client.PutAsync(path + "/i-1", new JsonObject { ["address"] = "10.0.0.6", ["port"] = 9090 })).EnsureSuccess();

        var list = (await client.GetAsync(path)).EnsureSuccess().Body!["instances"]!.AsArray();
        Assert.Equal(["i-1", "i-2"], list.Select(i => i!["instanceId"]!.GetValue<string>()));
        Assert.Equal("10.0.0.6", list[0]!["address"]!.GetValue<string>());
        Assert.Equal(9090, list[0]!["port"]!.GetValue<int>());
        Assert.Empty(list[0]!["attributes"]!.AsObject());
        Assert.Equal("UNHEALTHY", list[1]!["healthStatus"]!.GetValue<string>());
        Assert.Equal(0, list[1]!["port"]!.GetValue<int>());

        Assert.Equal("i-2", (await client.DeleteAsync(path + "/i-2")).EnsureSuccess().Body!["instance"]!["instanceId"]!.GetValue<string>());
        var gone = await client.DeleteAsync(path + "/i-2");
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("NotFoundException", gone.ErrorType);
        Assert.Single((await client.GetAsync(path)).EnsureSuccess().Body!["instances"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"port":80}""", "address")]
    [InlineData("""{"address":"not an address!"}""", "address")]
    [InlineData("""{"address":"web-2.internal"}""", "dns service discovery")]
    [InlineData("""{"address":"10.1"}""", "address")]
    [InlineData("""{"address":"fe80::1%eth0"}""", "address")]
    [InlineData("""{"address":"10.0.0.1","port":70000}""", "port")]
    [InlineData("""{"address":"10.0.0.1","port":"80"}""", "port")]
    [InlineData("""{"address":"10.0.0.1","healthStatus":"SICK"}""", "healthStatus")]
    [InlineData("""{"address":"10.0.0.1","attributes":{"k":1}}""", "attributes.k")]
    [InlineData("""{"address":"10.0.0.1","attributes":["k"]}""", "attributes")]
    [InlineData("""{"address":"10.0.0.1","weight":3}""", "weight")]
    [InlineData("""[1]""", "JSON object")]
    [InlineData("""{"address":""", "Malformed JSON")]
    public async Task Bad_registrations_are_refused_with_a_clear_error(string body, string mentioned)
    {
        var client = await TenantWithNodeAsync(api);

        var response = await client.SendRawAsync(HttpMethod.Put, "/cloudmesh/v1/meshes/m/virtualNodes/web/instances/i-1", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BadRequestException", response.ErrorType);
        Assert.Contains(mentioned, response.Message, StringComparison.Ordinal);
        Assert.Empty((await client.GetAsync("/cloudmesh/v1/meshes/m/virtualNodes/web/instances")).EnsureSuccess().Body!["instances"]!.AsArray());
    }

    [Fact]
    public async Task Instance_ids_are_checked()
    {
        var client = await TenantWithNodeAsync(api);

        var response = await client.PutAsync("/cloudmesh/v1/meshes/m/virtualNodes/web/instances/" + new string('x', 65), new JsonObject { ["address"] = "10.0.0.1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("instanceId", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_virtual_node_is_not_found()
    {
        var client = await TenantWithNodeAsync(api);

        var put = await client.PutAsync("/cloudmesh/v1/meshes/m/virtualNodes/nope/instances/i-1", new JsonObject { ["address"] = "10.0.0.1" });
        var list = await client.GetAsync("/cloudmesh/v1/meshes/other/virtualNodes/web/instances");

        Assert.Equal(HttpStatusCode.NotFound, put.Status);
        Assert.Contains("virtualNode 'nope'", put.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, list.Status);
    }

    [Fact]
    public async Task Instances_are_tenant_scoped()
    {
        var owner = await TenantWithNodeAsync(api);
        var other = await TenantWithNodeAsync(api);
        (await owner.PutAsync("/cloudmesh/v1/meshes/m/virtualNodes/web/instances/i-1", new JsonObject { ["address"] = "10.0.0.1" })).EnsureSuccess();

        Assert.Empty((await other.GetAsync("/cloudmesh/v1/meshes/m/virtualNodes/web/instances")).EnsureSuccess().Body!["instances"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync("/cloudmesh/v1/meshes/m/virtualNodes/web/instances/i-1")).Status);
        Assert.Single((await owner.GetAsync("/cloudmesh/v1/meshes/m/virtualNodes/web/instances")).EnsureSuccess().Body!["instances"]!.AsArray());
    }

    [Fact]
    public async Task Deleting_the_virtual_node_removes_its_instances()
    {
        var client = await TenantWithNodeAsync(api);
        (await client.PutAsync("/cloudmesh/v1/meshes/m/virtualNodes/web/instances/i-1", new JsonObject { ["address"] = "10.0.0.1" })).EnsureSuccess();

        (await client.DeleteAsync("/v20190125/meshes/m/virtualNodes/web")).EnsureSuccess();
        (await client.PutAsync("/v20190125/meshes/m/virtualNodes", new JsonObject { ["virtualNodeName"] = "web", ["spec"] = JsonNode.Parse(Node) })).EnsureSuccess();

        Assert.Empty((await client.GetAsync("/cloudmesh/v1/meshes/m/virtualNodes/web/instances")).EnsureSuccess().Body!["instances"]!.AsArray());
    }

    [Fact]
    public async Task Unsigned_requests_are_refused()
    {
        var response = await AppMeshTestClient.ReadAsync(await api.Http.GetAsync("/cloudmesh/v1/meshes/m/virtualNodes/web/instances"));

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("MissingAuthenticationTokenException", response.ErrorType);
    }

    [Fact]
    public async Task Unknown_extension_paths_are_a_rest_json_404()
    {
        var client = await api.NewTenantClientAsync();

        var response = await client.GetAsync("/cloudmesh/v1/whatever");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("NotFoundException", response.ErrorType);
    }
}
