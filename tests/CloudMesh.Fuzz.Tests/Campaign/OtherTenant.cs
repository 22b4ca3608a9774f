using System.Net;
using System.Text.Json.Nodes;
using CloudMesh.Fuzz.Tests.Generation;
using CloudMesh.Fuzz.Tests.Oracle;
using CloudMesh.TestSupport.ApiServer;

namespace CloudMesh.Fuzz.Tests.Campaign;

/// <summary>
/// Tenant B: owns one resource of every kind in a mesh named like one of A's, with the same resource names. During
/// the run it reads its own resources and must see exactly them, unchanged, and never anything of A's.
/// </summary>
internal sealed class OtherTenant(AppMeshTestClient client)
{
    private const string Mesh = NamePools.SharedMesh;
    private const string Name = "n1";
    private readonly Dictionary<string, (string Path, JsonObject Data)> _snapshot = new(StringComparer.Ordinal);

    public string AccountId => client.Credentials.AccountId;

    /// <summary>B's uids: tenant A's responses must never contain one.</summary>
    public IEnumerable<string> Uids => _snapshot.Values.Select(s => s.Data["metadata"]!["uid"]!.GetValue<string>());

    /// <summary>Creates B's resources and remembers how they look.</summary>
    public async Task CreateAsync()
    {
        var specs = new (FuzzKind Kind, string CreatePath, string DescribePath, string Spec)[]
        {
            (FuzzKind.Mesh, "/v20190125/meshes", $"/v20190125/meshes/{Mesh}", """{"egressFilter":{"type":"DROP_ALL"}}"""),
            (FuzzKind.VirtualNode, $"/v20190125/meshes/{Mesh}/virtualNodes", $"/v20190125/meshes/{Mesh}/virtualNodes/{Name}",
                """{"listeners":[{"portMapping":{"port":9080,"protocol":"http"}}],"serviceDiscovery":{"dns":{"hostname":"b.local"}}}"""),
            (FuzzKind.VirtualRouter, $"/v20190125/meshes/{Mesh}/virtualRouters", $"/v20190125/meshes/{Mesh}/virtualRouters/{Name}",
                """{"listeners":[{"portMapping":{"port":9080,"protocol":"http"}}]}"""),
            (FuzzKind.Route, $"/v20190125/meshes/{Mesh}/virtualRouter/{Name}/routes", $"/v20190125/meshes/{Mesh}/virtualRouter/{Name}/routes/{Name}",
                """{"httpRoute":{"match":{"prefix":"/b"},"action":{"weightedTargets":[{"virtualNode":"n1","weight":1}]}}}"""),
            (FuzzKind.VirtualService, $"/v20190125/meshes/{Mesh}/virtualServices", $"/v20190125/meshes/{Mesh}/virtualServices/{Name}",
                """{"provider":{"virtualNode":{"virtualNodeName":"n1"}}}"""),
            (FuzzKind.VirtualGateway, $"/v20190125/meshes/{Mesh}/virtualGateways", $"/v20190125/meshes/{Mesh}/virtualGateways/{Name}",
                """{"listeners":[{"portMapping":{"port":9443,"protocol":"http"}}]}"""),
            (FuzzKind.GatewayRoute, $"/v20190125/meshes/{Mesh}/virtualGateway/{Name}/gatewayRoutes", $"/v20190125/meshes/{Mesh}/virtualGateway/{Name}/gatewayRoutes/{Name}",
                """{"httpRoute":{"match":{"prefix":"/b"},"action":{"target":{"virtualService":{"virtualServiceName":"n1"}}}}}"""),
        };
        foreach (var (kind, createPath, describePath, spec) in specs)
        {
            var body = new JsonObject
            {
                [kind.NameMember] = kind.IsMesh ? Mesh : Name,
                ["spec"] = JsonNode.Parse(spec),
                ["tags"] = new JsonArray(new JsonObject { ["key"] = "tenant", ["value"] = "b" }),
            };
            var created = (await client.PutAsync(createPath, body)).EnsureSuccess();
            _snapshot[kind.Name] = (describePath, created.Body!.AsObject());
        }
    }

    /// <summary>One read as B, checked for leaks of <paramref name="foreignMarkers"/> (A's account and uids).</summary>
    public async Task<List<string>> ProbeAsync(Random random, IReadOnlyCollection<string> foreignMarkers)
    {
        var problems = new List<string>();
        var choice = random.Next(5);
        var echoed = "";
        var kind = random.Pick(FuzzKind.All);
        var (path, expected) = _snapshot[kind.Name];
        ApiResponse response;
        switch (choice)
        {
            case 0:
                response = await client.GetAsync(path);
                ExpectSame(kind, response, expected, problems);
                break;
            case 1:
                response = await client.GetAsync(kind.IsMesh ? "/v20190125/meshes" : path[..path.LastIndexOf('/')]);
                ExpectOwnList(kind, response, problems);
                break;
            case 2:
                // Names only A may use: B must not find them, whatever A created meanwhile.
                response = await client.GetAsync(random.Chance(0.5)
                    ? $"/v20190125/meshes/{NamePools.MeshOnlyA}"
                    : $"/v20190125/meshes/{Mesh}/virtualNodes/{random.Pick(NamePools.Resources.Skip(1).ToList())}");
                Expect(response, HttpStatusCode.NotFound, problems);
                break;
            case 3:
                var arn = expected["metadata"]!["arn"]!.GetValue<string>();
                response = await client.GetAsync($"/v20190125/tags?resourceArn={Uri.EscapeDataString(arn)}");
                Expect(response, HttpStatusCode.OK, problems);
                if (response.Status == HttpStatusCode.OK && response.Body!["tags"]!.ToJsonString() != """[{"key":"tenant","value":"b"}]""")
                {
                    problems.Add($"B's tags on {arn} changed: {response.Body["tags"]!.ToJsonString()}");
                }

                break;
            default:
                var foreignArn = expected["metadata"]!["arn"]!.GetValue<string>().Replace($":{AccountId}:", $":{foreignMarkers.First()}:", StringComparison.Ordinal);
                echoed = foreignArn;
                response = await client.GetAsync($"/v20190125/tags?resourceArn={Uri.EscapeDataString(foreignArn)}");
                Expect(response, HttpStatusCode.NotFound, problems);
                break;
        }

        if ((int)response.Status >= 500)
        {
            problems.Add($"server error {(int)response.Status} for tenant B");
        }

        // An error may quote the ARN B itself sent; anything else of A's in the answer is a leak.
        var answer = echoed.Length == 0 ? response.RawBody : response.RawBody.Replace(echoed, "", StringComparison.Ordinal);
        foreach (var marker in foreignMarkers.Where(m => answer.Contains(m, StringComparison.Ordinal)))
        {
            problems.Add($"tenant B received tenant A's identifier {marker}");
        }

        return problems.Select(p => $"[tenant B, {response.Status}] {p}: {Cut(response.RawBody)}").ToList();
    }

    private void ExpectSame(FuzzKind kind, ApiResponse response, JsonObject expected, List<string> problems)
    {
        if (!Expect(response, HttpStatusCode.OK, problems))
        {
            return;
        }

        var data = response.Body!.AsObject();
        // Only the status differs between a create's answer and a describe's.
        if (data["metadata"]!.ToJsonString() != expected["metadata"]!.ToJsonString() || !JsonSemantics.Equal(data["spec"], expected["spec"]))
        {
            problems.Add($"B's {kind.Name} changed: was {expected.ToJsonString()}");
        }
    }

    private void ExpectOwnList(FuzzKind kind, ApiResponse response, List<string> problems)
    {
        if (!Expect(response, HttpStatusCode.OK, problems))
        {
            return;
        }

        var items = response.Body![kind.ListMember]!.AsArray();
        if (items.Count != 1 || !items[0]!["arn"]!.GetValue<string>().Contains($":{AccountId}:", StringComparison.Ordinal))
        {
            problems.Add($"B listed {kind.ListMember} other than its own single one");
        }
    }

    private static bool Expect(ApiResponse response, HttpStatusCode status, List<string> problems)
    {
        if (response.Status == status)
        {
            return true;
        }

        problems.Add($"expected {(int)status}");
        return false;
    }

    private static string Cut(string text) => text.Length > 400 ? text[..400] + "…" : text;
}
