using System.Text.Json;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Sources;
using CloudMesh.ControlPlane.Tests.Support;
using Envoy.Config.Core.V3;
using Envoy.Service.Discovery.V3;
using Microsoft.Extensions.DependencyInjection;
using static CloudMesh.ControlPlane.Tests.Support.Xds;
using Metadata = Grpc.Core.Metadata;

namespace CloudMesh.ControlPlane.Tests.Integration;

/// <summary>
/// The real compiler behind the ADS server: <see cref="CompilingProxyConfigSource"/> over an in-memory mesh
/// loader (standing in for the PostgreSQL loader, tested with the API), with its hooks wired into /metrics.
/// </summary>
public sealed class CompilingSourceTests
{
    [Fact]
    public async Task Compiled_configuration_is_served_and_mesh_compiles_are_measured()
    {
        await using ControlPlaneHost host = await ControlPlaneHost.StartAsync(configureServices: services =>
        {
            services.AddSingleton<IMeshSnapshotLoader>(new OneMeshLoader());
            services.AddSingleton<CompilingProxyConfigSource>();
            services.AddSingleton<IProxyConfigSource>(sp => sp.GetRequiredService<CompilingProxyConfigSource>());
        });
        using var ads = new AdsStream<DiscoveryRequest, DiscoveryResponse>(
            host.Client.StreamAggregatedResources(new Metadata { { "authorization", $"Bearer {TestTenant.A.XdsToken}" } }));
        DiscoveryRequest first = Request(Lds);
        first.Node = new Node { Id = "mesh/shop/virtualNode/cart" };

        await ads.SendAsync(first);
        DiscoveryResponse lds = await ads.ReceiveAsync();

        Assert.NotEmpty(lds.Resources);
        string metrics = await host.Http.GetStringAsync("/metrics");
        Assert.Contains("cloudmesh_xds_mesh_compile_duration_seconds_count 1", metrics, StringComparison.Ordinal);
        Assert.Contains("cloudmesh_xds_configs_withheld_total 0", metrics, StringComparison.Ordinal);
    }

    /// <summary>Tenant A's mesh "shop" with one virtual node listening on 8080.</summary>
    private sealed class OneMeshLoader : IMeshSnapshotLoader
    {
        public ValueTask<MeshSnapshot?> LoadAsync(string accountId, string meshName, CancellationToken cancellationToken)
        {
            if (accountId != TestTenant.A.AccountId || meshName != "shop")
            {
                return ValueTask.FromResult<MeshSnapshot?>(null);
            }

            MeshResource Resource(string name, string spec) => new(name, "", 1, JsonDocument.Parse(spec).RootElement.Clone());
            var snapshot = new MeshSnapshot(
                accountId,
                "us-east-1",
                Resource("shop", """{"egressFilter": {"type": "DROP_ALL"}}"""),
                [Resource("cart", """{"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}], "serviceDiscovery": {"dns": {"hostname": "cart.shop.local"}}}""")],
                [],
                [],
                [],
                [],
                [],
                []);
            return ValueTask.FromResult<MeshSnapshot?>(snapshot);
        }
    }
}
