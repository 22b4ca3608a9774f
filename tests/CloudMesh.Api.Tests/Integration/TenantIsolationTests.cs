using System.Net;
using CloudMesh.Api.AppMesh;
using CloudMesh.Api.Core.Resources;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Api.Tests.Integration;

[Collection(ApiCollection.Name)]
public sealed class TenantIsolationTests(CloudMeshApiFixture api)
{
    public static TheoryData<string> Operations => new(AppMeshOperation.All.Select(o => o.Name));

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Another_tenant_can_neither_see_nor_change_a_tenants_resources(string operationName)
    {
        var owner = await api.NewTenantClientAsync("owner");
        var other = await api.NewTenantClientAsync("other");
        var scenario = new MeshScenario("iso-" + operationName.ToLowerInvariant());
        await scenario.CreateAllAsync(owner);
        var operation = AppMeshOperation.All.Single(o => o.Name == operationName);
        var kind = operation.Kind ?? ResourceKinds.VirtualNode;
        var before = await SnapshotAsync(owner, scenario);

        var (method, path, body) = scenario.RequestFor(operation, scenario.ArnOf(kind, owner.Credentials.AccountId));
        var response = await other.SendAsync(method, path, body);

        if (operation.Name == "ListMeshes")
        {
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Empty(response.Body!["meshes"]!.AsArray());
        }
        else if (operation.Verb == OperationVerb.Create && kind.IsMesh)
        {
            // Mesh names are per account: the other tenant gets its own mesh of the same name.
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Equal(other.Credentials.AccountId, response.Body!["metadata"]!["meshOwner"]!.GetValue<string>());
        }
        else
        {
            Assert.Equal(HttpStatusCode.NotFound, response.Status);
            Assert.Equal("NotFoundException", response.ErrorType);
            // The message may echo what the caller sent (an ARN), but never anything of the owner's resource it could not know.
            Assert.All(System.Text.RegularExpressions.Regex.Matches(before, "\"uid\":\"([^\"]+)\"").Select(m => m.Groups[1].Value),
                uid => Assert.DoesNotContain(uid, response.RawBody, StringComparison.Ordinal));
        }

        Assert.Equal(before, await SnapshotAsync(owner, scenario));
    }

    [Fact]
    public async Task The_data_layer_filters_every_query_by_tenant()
    {
        var a = await api.NewTenantClientAsync("a");
        var b = await api.NewTenantClientAsync("b");
        await new MeshScenario("shared-name").CreateAllAsync(a);
        await new MeshScenario("shared-name").CreateAllAsync(b);

        var listA = await a.GetAsync("/v20190125/meshes/shared-name/virtualNodes");
        var listB = await b.GetAsync("/v20190125/meshes/shared-name/virtualNodes");

        Assert.Contains(a.Credentials.AccountId, Assert.Single(listA.Body!["virtualNodes"]!.AsArray())!["arn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(b.Credentials.AccountId, Assert.Single(listB.Body!["virtualNodes"]!.AsArray())!["arn"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    // Every resource of the scenario as its owner sees it (describe output and tags), to prove nothing changed.
    private static async Task<string> SnapshotAsync(AppMeshTestClient client, MeshScenario scenario)
    {
        var parts = new List<string>();
        foreach (var kind in MeshScenario.CreationOrder)
        {
            var describe = AppMeshOperation.All.Single(o => o.Kind == kind && o.Verb == OperationVerb.Describe);
            var (method, path, _) = scenario.RequestFor(describe, "");
            parts.Add((await client.SendAsync(method, path)).EnsureSuccess().RawBody);
            var arn = Uri.EscapeDataString(scenario.ArnOf(kind, client.Credentials.AccountId));
            parts.Add((await client.GetAsync($"/v20190125/tags?resourceArn={arn}")).EnsureSuccess().RawBody);
        }

        return string.Join("\n", parts);
    }
}
