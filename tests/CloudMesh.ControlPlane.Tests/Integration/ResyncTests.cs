using System.Collections.Concurrent;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Sources;
using CloudMesh.ControlPlane.Tests.Support;
using Envoy.Config.Core.V3;
using Envoy.Service.Discovery.V3;
using Microsoft.Extensions.DependencyInjection;
using static CloudMesh.ControlPlane.Tests.Support.TestConfigs;
using static CloudMesh.ControlPlane.Tests.Support.Xds;
using Metadata = Grpc.Core.Metadata;

namespace CloudMesh.ControlPlane.Tests.Integration;

public sealed class ResyncTests
{
    [Fact]
    public async Task The_periodic_resync_invalidates_caches_and_pushes_a_change_whose_notification_was_lost()
    {
        var invalidator = new RecordingInvalidator();
        await using ControlPlaneHost host = await ControlPlaneHost.StartAsync(
            options => options.ResyncInterval = TimeSpan.FromMilliseconds(200),
            services => services.AddSingleton<IConfigCacheInvalidator>(invalidator));
        var cart = new ProxyIdentity(TestTenant.A.AccountId, "shop", ProxyKind.VirtualNode, "cart");
        host.Source.Set(cart, Sidecar(cluster: "v1"));
        using var ads = new AdsStream<DiscoveryRequest, DiscoveryResponse>(
            host.Client.StreamAggregatedResources(new Metadata { { "authorization", $"Bearer {TestTenant.A.XdsToken}" } }));
        DiscoveryRequest first = Request(Cds);
        first.Node = new Node { Id = "mesh/shop/virtualNode/cart" };
        await ads.SendAsync(first);
        await ads.SendAsync(Ack(await ads.ReceiveAsync()));

        // Committed, but no notification arrives.
        host.Source.Set(cart, Sidecar(cluster: "v2"));

        Assert.Equal(["v2"], Names(await ads.ReceiveAsync()));
        Assert.Contains(MeshChange.Everything, invalidator.Changes);
    }

    private sealed class RecordingInvalidator : IConfigCacheInvalidator
    {
        public ConcurrentQueue<MeshChange> Changes { get; } = new();

        public void Invalidate(MeshChange change) => Changes.Enqueue(change);
    }
}
