using System.Net;
using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Api.Tests.Integration;

[Collection(ApiCollection.Name)]
public sealed class WriteRulesTests(CloudMeshApiFixture api)
{
    [Fact]
    public async Task Client_tokens_replay_the_first_response_and_refuse_other_input()
    {
        var client = await api.NewTenantClientAsync();
        var body = new JsonObject { ["meshName"] = "idem", ["clientToken"] = "token-1" };

        var first = (await client.PutAsync("/v20190125/meshes", body)).EnsureSuccess();
        var again = (await client.PutAsync("/v20190125/meshes", JsonNode.Parse("""{"clientToken":"token-1","meshName":"idem"}"""))).EnsureSuccess();
        var different = await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "idem2", ["clientToken"] = "token-1" });

        Assert.True(JsonNode.DeepEquals(first.Body, again.Body), $"{first.RawBody} vs {again.RawBody}");
        Assert.Equal("ConflictException", different.ErrorType);
        Assert.Contains("clientToken", different.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v20190125/meshes/idem2")).Status);

        var update = new JsonObject { ["spec"] = MeshScenario.SpecOf(ResourceKinds.Mesh, 1), ["clientToken"] = "token-2" };
        (await client.PutAsync("/v20190125/meshes/idem", update)).EnsureSuccess();
        (await client.PutAsync("/v20190125/meshes/idem", update.DeepClone())).EnsureSuccess();
        Assert.Equal(2, (await client.GetAsync("/v20190125/meshes/idem")).Body!["metadata"]!["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Client_tokens_of_any_length_work()
    {
        var client = await api.NewTenantClientAsync();
        var token = new string('t', 5000);

        var first = (await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "long-token", ["clientToken"] = token })).EnsureSuccess();
        var again = (await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "long-token", ["clientToken"] = token })).EnsureSuccess();

        Assert.Equal(first.Body!["metadata"]!["uid"]!.GetValue<string>(), again.Body!["metadata"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deletes_refuse_what_is_in_use_and_succeed_in_dependency_order()
    {
        var client = await api.NewTenantClientAsync();
        await new MeshScenario("inuse").CreateAllAsync(client);

        foreach (var path in new[]
                 {
                     "/v20190125/meshes/inuse",
                     "/v20190125/meshes/inuse/virtualRouters/vr",
                     "/v20190125/meshes/inuse/virtualNodes/vn",
                     "/v20190125/meshes/inuse/virtualGateways/gw",
                     "/v20190125/meshes/inuse/virtualServices/svc.local",
                 })
        {
            var refused = await client.DeleteAsync(path);
            Assert.True(refused.ErrorType == "ResourceInUseException", $"{path}: {refused}");
            Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        }

        foreach (var path in new[]
                 {
                     "/v20190125/meshes/inuse/virtualGateway/gw/gatewayRoutes/gr",
                     "/v20190125/meshes/inuse/virtualGateways/gw",
                     "/v20190125/meshes/inuse/virtualServices/svc.local",
                     "/v20190125/meshes/inuse/virtualRouter/vr/routes/r",
                     "/v20190125/meshes/inuse/virtualRouters/vr",
                     "/v20190125/meshes/inuse/virtualNodes/vn",
                     "/v20190125/meshes/inuse",
                 })
        {
            var deleted = (await client.DeleteAsync(path)).EnsureSuccess();
            Assert.Equal("DELETED", deleted.Body!["status"]!["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Invalid_input_is_a_bad_request_naming_the_member_and_writes_nothing()
    {
        var client = await api.NewTenantClientAsync();
        await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "bad" });

        var cases = new (string Body, string Expected)[]
        {
            ("""{"virtualNodeName":"n","spec":{"listeners":[{"portMapping":{"port":70000,"protocol":"http"}}]}}""", "spec.listeners[0].portMapping.port"),
            ("""{"virtualNodeName":"n","spec":{"listeners":[{"portMapping":{"port":80,"protocol":"smtp"}}]}}""", "spec.listeners[0].portMapping.protocol"),
            ("""{"spec":{}}""", "virtualNodeName"),
            ("""{"virtualNodeName":"n","spec":{"serviceDiscovery":{"dns":{"hostname":"a"},"awsCloudMap":{"namespaceName":"n","serviceName":"s"}}}}""", "spec.serviceDiscovery"),
            ("""{"virtualNodeName":"n","spec":{},"unknown":1}""", "unknown"),
            ("""{"virtualNodeName":""" + "\"" + new string('x', 256) + "\"" + ""","spec":{}}""", "virtualNodeName"),
            ("""{"virtualNodeName":"n","spec":""", "Malformed JSON"),
            ("""[1,2]""", "JSON object"),
        };
        foreach (var (body, expected) in cases)
        {
            var response = await client.SendRawAsync(HttpMethod.Put, "/v20190125/meshes/bad/virtualNodes", body);
            Assert.True(response.ErrorType == "BadRequestException", $"{body}: {response}");
            Assert.Contains(expected, response.Message, StringComparison.Ordinal);
        }

        Assert.Empty((await client.GetAsync("/v20190125/meshes/bad/virtualNodes")).Body!["virtualNodes"]!.AsArray());
    }

    [Fact]
    public async Task Quotas_are_enforced_per_tenant_and_adjustable()
    {
        var client = await api.NewTenantClientAsync();
        using var admin = api.AdminHttp();
        var limits = await admin.PutAsync($"/admin/v1/tenants/{client.Credentials.AccountId}/limits",
            new StringContent("""{"quotas":{"meshes":2,"routesPerVirtualRouter":1}}""", System.Text.Encoding.UTF8, "application/json"));
        limits.EnsureSuccessStatusCode();

        (await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "q1" })).EnsureSuccess();
        (await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "q2" })).EnsureSuccess();
        var third = await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "q3" });

        Assert.Equal("LimitExceededException", third.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, third.Status);
        Assert.Contains("2 meshes per account", third.Message, StringComparison.Ordinal);
        var other = await api.NewTenantClientAsync();
        (await other.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "q3" })).EnsureSuccess();
    }

    [Fact]
    public async Task Tags_merge_remove_and_cap_at_fifty()
    {
        var client = await api.NewTenantClientAsync();
        var arn = (await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "tags" })).EnsureSuccess()
            .Body!["metadata"]!["arn"]!.GetValue<string>();
        var query = "?resourceArn=" + Uri.EscapeDataString(arn);
        JsonArray Tags(int from, int count) => new([.. Enumerable.Range(from, count).Select(i => (JsonNode)new JsonObject { ["key"] = $"k{i:D2}", ["value"] = $"v{i}" })]);

        (await client.PutAsync("/v20190125/tag" + query, new JsonObject { ["tags"] = Tags(0, 30) })).EnsureSuccess();
        (await client.PutAsync("/v20190125/tag" + query, new JsonObject { ["tags"] = Tags(20, 30) })).EnsureSuccess();
        var tooMany = await client.PutAsync("/v20190125/tag" + query, new JsonObject { ["tags"] = Tags(50, 1) });
        Assert.Equal("TooManyTagsException", tooMany.ErrorType);

        (await client.PutAsync("/v20190125/untag" + query, new JsonObject { ["tagKeys"] = new JsonArray("k00", "k49", "absent") })).EnsureSuccess();
        var page1 = (await client.GetAsync("/v20190125/tags" + query + "&limit=40")).EnsureSuccess().Body!;
        var page2 = (await client.GetAsync("/v20190125/tags" + query + "&limit=40&nextToken=" + Uri.EscapeDataString(page1["nextToken"]!.GetValue<string>()))).EnsureSuccess().Body!;
        var keys = page1["tags"]!.AsArray().Concat(page2["tags"]!.AsArray()).Select(t => t!["key"]!.GetValue<string>()).ToList();
        Assert.Equal(Enumerable.Range(1, 48).Select(i => $"k{i:D2}"), keys);
        Assert.Null(page2["nextToken"]);
    }

    [Fact]
    public async Task Mesh_owner_of_another_account_is_forbidden()
    {
        var client = await api.NewTenantClientAsync();
        await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "own" });

        var response = await client.GetAsync("/v20190125/meshes/own/virtualNodes?meshOwner=999999999999");

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("ForbiddenException", response.ErrorType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v20190125/meshes/own/virtualNodes?meshOwner={client.Credentials.AccountId}")).Status);
    }

    [Fact]
    public async Task Unknown_paths_under_the_api_prefix_get_a_rest_json_not_found()
    {
        var response = await AppMeshTestClient.ReadAsync(await api.Http.GetAsync("/v20190125/nothing-here"));

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("NotFoundException", response.ErrorType);
    }
}
