using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using Xunit;

namespace CloudMesh.Api.Tests.Core;

public sealed class ResourceReferencesTests
{
    [Fact]
    public void Virtual_service_references_its_provider()
    {
        var spec = JsonNode.Parse("""{"provider":{"virtualRouter":{"virtualRouterName":"vr"}}}""")!.AsObject();

        var refs = ResourceReferences.Extract(ResourceKinds.VirtualService, spec);

        var only = Assert.Single(refs);
        Assert.Equal("virtualRouter/vr", only.StorageKey);
        Assert.Equal("spec.provider.virtualRouter.virtualRouterName", only.Path);
    }

    [Fact]
    public void Route_references_each_distinct_weighted_target()
    {
        var spec = JsonNode.Parse("""
            {"http2Route":{"match":{"prefix":"/"},"action":{"weightedTargets":[
              {"virtualNode":"a","weight":1},{"virtualNode":"b","weight":1},{"virtualNode":"a","weight":3}]}}}
            """)!.AsObject();

        var refs = ResourceReferences.Extract(ResourceKinds.Route, spec);

        Assert.Equal(["virtualNode/a", "virtualNode/b"], refs.Select(r => r.StorageKey));
        Assert.Equal("spec.http2Route.action.weightedTargets[1].virtualNode", refs[1].Path);
    }

    [Fact]
    public void Gateway_route_references_its_target_service()
    {
        var spec = JsonNode.Parse("""{"grpcRoute":{"match":{"serviceName":"s"},"action":{"target":{"virtualService":{"virtualServiceName":"svc"}}}}}""")!.AsObject();

        Assert.Equal("virtualService/svc", Assert.Single(ResourceReferences.Extract(ResourceKinds.GatewayRoute, spec)).StorageKey);
    }

    [Fact]
    public void Virtual_node_backends_are_not_references_as_in_app_mesh()
    {
        var spec = JsonNode.Parse("""{"backends":[{"virtualService":{"virtualServiceName":"later.local"}}]}""")!.AsObject();

        Assert.Empty(ResourceReferences.Extract(ResourceKinds.VirtualNode, spec));
    }
}
