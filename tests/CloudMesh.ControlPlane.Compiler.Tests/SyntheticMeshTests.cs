using CloudMesh.ControlPlane.Compiler.Benchmarking;

namespace CloudMesh.ControlPlane.Compiler.Tests;

/// <summary>The benchmark's workload stays meaningful: every proxy of a synthetic mesh compiles, consistently, with its backends.</summary>
public sealed class SyntheticMeshTests
{
    [Fact]
    public void Every_proxy_of_a_synthetic_mesh_compiles_consistently()
    {
        var mesh = MeshCompiler.Prepare(SyntheticMesh.Create(60));

        var proxies = mesh.Proxies.ToList();

        Assert.Equal(60, proxies.Count);
        foreach (var proxy in proxies)
        {
            var config = mesh.Compile(proxy)!;
            Assert.Empty(ConsistencyCheck.Verify(config));

            // Two or three backends, each reachable by name and name:port from a proxyless client.
            Assert.InRange(config.ApiListeners.Count, 4, 6);
            Assert.Contains(config.Listeners, l => l.Name == "lds_egress_0.0.0.0_15001");
        }
    }

    [Fact]
    public void The_workload_counts_what_it_compiled()
    {
        var snapshot = SyntheticMesh.Create(12);
        var mesh = MeshCompiler.Prepare(snapshot);
        var expected = mesh.Proxies.Select(p => mesh.Compile(p)!)
            .Sum(c => c.Listeners.Count + c.ApiListeners.Count + c.RouteConfigurations.Count + c.Clusters.Count + c.ClusterLoadAssignments.Count);

        Assert.Equal(expected, CompileWorkload.CompileEveryProxy(snapshot));
    }
}
