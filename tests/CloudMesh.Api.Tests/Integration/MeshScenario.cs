using System.Text.Json.Nodes;
using CloudMesh.Api.AppMesh;
using CloudMesh.Api.Core.Resources;
using CloudMesh.TestSupport.ApiServer;

namespace CloudMesh.Api.Tests.Integration;

/// <summary>
/// One resource of every kind in a mesh (node, router with a route, service provided by the router, gateway with a
/// gateway route to the service), and the request any operation would send against it.
/// </summary>
public sealed class MeshScenario(string meshName)
{
    public string MeshName => meshName;

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["virtualNode"] = "vn",
        ["virtualRouter"] = "vr",
        ["route"] = "r",
        ["virtualService"] = "svc.local",
        ["virtualGateway"] = "gw",
        ["gatewayRoute"] = "gr",
    };

    /// <summary>Kinds in creation order (dependencies first).</summary>
    public static readonly ResourceKind[] CreationOrder =
    [
        ResourceKinds.Mesh, ResourceKinds.VirtualNode, ResourceKinds.VirtualRouter, ResourceKinds.Route,
        ResourceKinds.VirtualService, ResourceKinds.VirtualGateway, ResourceKinds.GatewayRoute,
    ];

    public static JsonObject SpecOf(ResourceKind kind, int variant = 0) => JsonNode.Parse((kind.Name switch
    {
        "mesh" => variant == 0 ? "{}" : """{"egressFilter":{"type":"ALLOW_ALL"}}""",
        "virtualNode" => """{"listeners":[{"portMapping":{"port":PORT,"protocol":"http"}}],"serviceDiscovery":{"dns":{"hostname":"vn.local"}}}""",
        "virtualRouter" => """{"listeners":[{"portMapping":{"port":PORT,"protocol":"http"}}]}""",
        "route" => """{"httpRoute":{"match":{"prefix":"/VARIANT"},"action":{"weightedTargets":[{"virtualNode":"vn","weight":1}]}}}""",
        "virtualService" => variant == 0 ? """{"provider":{"virtualRouter":{"virtualRouterName":"vr"}}}""" : """{"provider":{"virtualNode":{"virtualNodeName":"vn"}}}""",
        "virtualGateway" => """{"listeners":[{"portMapping":{"port":GWPORT,"protocol":"http"}}]}""",
        "gatewayRoute" => """{"httpRoute":{"match":{"prefix":"/VARIANT"},"action":{"target":{"virtualService":{"virtualServiceName":"svc.local"}}}}}""",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    })
        .Replace("GWPORT", (8443 + variant).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("PORT", (8080 + variant).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("VARIANT", variant.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))!.AsObject();

    /// <summary>Route values naming every resource of this scenario.</summary>
    public Dictionary<string, string> Labels()
    {
        var labels = new Dictionary<string, string> { ["meshName"] = meshName };
        foreach (var (kind, name) in Names)
        {
            labels[ResourceKinds.FindByName(kind)!.NameMember] = name;
        }

        return labels;
    }

    public string ArnOf(ResourceKind kind, string accountId) =>
        Arn.Format("us-east-1", accountId, KeyOf(kind));

    public ResourceKey KeyOf(ResourceKind kind) => kind switch
    {
        { IsMesh: true } => ResourceKey.ForMesh(meshName),
        { Parent: { } p } => new ResourceKey(kind, meshName, Names[p.Name], Names[kind.Name]),
        _ => new ResourceKey(kind, meshName, "", Names[kind.Name]),
    };

    /// <summary>The request <paramref name="operation"/> would send against this scenario's resource (tag operations use <paramref name="arn"/>).</summary>
    public (HttpMethod Method, string Path, JsonObject? Body) RequestFor(AppMeshOperation operation, string arn)
    {
        var path = operation.Model.RequestUri;
        foreach (var (label, value) in Labels())
        {
            path = path.Replace("{" + label + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        var method = new HttpMethod(operation.Model.HttpMethod);
        var kind = operation.Kind;
        return operation.Verb switch
        {
            OperationVerb.Create => (method, path, CreateBody(kind!)),
            OperationVerb.Update => (method, path, new JsonObject { ["spec"] = SpecOf(kind!, 1) }),
            OperationVerb.TagResource => (method, $"{path}?resourceArn={Uri.EscapeDataString(arn)}",
                new JsonObject { ["tags"] = new JsonArray(new JsonObject { ["key"] = "k", ["value"] = "v" }) }),
            OperationVerb.UntagResource => (method, $"{path}?resourceArn={Uri.EscapeDataString(arn)}",
                new JsonObject { ["tagKeys"] = new JsonArray("owner") }),
            OperationVerb.ListTagsForResource => (method, $"{path}?resourceArn={Uri.EscapeDataString(arn)}", null),
            _ => (method, path, null),
        };
    }

    private JsonObject CreateBody(ResourceKind kind)
    {
        var body = new JsonObject { ["spec"] = SpecOf(kind), ["tags"] = new JsonArray(new JsonObject { ["key"] = "owner", ["value"] = "a" }) };
        body[kind.NameMember] = kind.IsMesh ? meshName : Names[kind.Name];
        return body;
    }

    /// <summary>Creates every resource of the scenario.</summary>
    public async Task CreateAllAsync(AppMeshTestClient client)
    {
        foreach (var kind in CreationOrder)
        {
            var create = AppMeshOperation.All.Single(o => o.Kind == kind && o.Verb == OperationVerb.Create);
            var (method, path, body) = RequestFor(create, "");
            (await client.SendAsync(method, path, body)).EnsureSuccess();
        }
    }
}
