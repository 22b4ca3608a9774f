using CloudMesh.ControlPlane.Compiler.Tests.Support;
using CloudMesh.ControlPlane.Model;

namespace CloudMesh.ControlPlane.Compiler.Tests;

public sealed class CompiledMeshTests
{
    [Fact]
    public void Unknown_proxies_and_other_meshes_or_tenants_get_null()
    {
        var (snapshot, proxy) = GoldenCase.Named("gateway-router-target").Load();
        var mesh = MeshCompiler.Prepare(snapshot);

        Assert.NotNull(mesh.Compile(proxy));
        Assert.Null(mesh.Compile(proxy with { Name = "nope" }));
        Assert.Null(mesh.Compile(proxy with { Kind = ProxyKind.VirtualNode }));
        Assert.Null(mesh.Compile(proxy with { MeshName = "other" }));
        Assert.Null(mesh.Compile(proxy with { AccountId = "999999999999" }));
    }

    [Fact]
    public void Proxies_lists_nodes_then_gateways_in_name_order()
    {
        var (snapshot, _) = GoldenCase.Named("gateway-router-target").Load();

        var proxies = MeshCompiler.Prepare(snapshot).Proxies.Select(p => p.ToString());

        Assert.Equal(
            [
                "111122223333/mesh/demo/virtualNode/cart",
                "111122223333/mesh/demo/virtualNode/catalog",
                "111122223333/mesh/demo/virtualGateway/ingress",
            ],
            proxies);
    }

    [Fact]
    public void Specs_with_unexpected_shapes_are_skipped_rather_than_thrown_on()
    {
        // Not valid App Mesh input: the compiler still must not throw (the API guards validity, the compiler degrades).
        var (snapshot, proxy) = GoldenCase.Parse("""
            {
              "proxy": {"kind": "virtualNode", "name": "front"},
              "mesh": {"name": "demo", "spec": {"egressFilter": "ALLOW_ALL"}},
              "virtualNodes": {
                "front": {"listeners": [{"portMapping": {"port": "8080", "protocol": "http"}}, {"portMapping": {"port": 9090, "protocol": "quic"}}, 7],
                          "backends": [{"virtualService": {}}, {"virtualService": {"virtualServiceName": "svc"}}], "serviceDiscovery": {"dns": {}}},
                "target": {"listeners": [{"portMapping": {"port": 80, "protocol": "http"}, "timeout": {"http": {"perRequest": {"value": 5}}}}], "serviceDiscovery": {"dns": {"hostname": "t"}}}
              },
              "virtualServices": {"svc": {"provider": {"virtualRouter": {"virtualRouterName": "r"}}}},
              "virtualRouters": {"r": {"listeners": [{"portMapping": {"port": 80, "protocol": "http"}}]}},
              "routes": {"r": {
                "empty": {},
                "bad-targets": {"httpRoute": {"match": {"prefix": 5}, "action": {"weightedTargets": [{"virtualNode": "target"}, {"weight": 3}]}}},
                "good": {"priority": "high", "httpRoute": {"match": {"prefix": "/"}, "action": {"weightedTargets": [{"virtualNode": "target", "weight": 1}]}, "retryPolicy": {"maxRetries": -1}}}
              }}
            }
            """);

        var config = MeshCompiler.Prepare(snapshot).Compile(proxy)!;

        Assert.Empty(ConsistencyCheck.Verify(config));
        Assert.DoesNotContain(config.Listeners, l => l.Name.Contains("ingress", StringComparison.Ordinal));
        var route = Assert.Single(config.RouteConfigurations.Single(r => r.Name == "rds_egress_http_15001").VirtualHosts.Single().Routes);
        Assert.Equal("good", route.Name);
        Assert.Null(route.Route_.Timeout);
        Assert.Null(route.Route_.RetryPolicy);
    }
}
