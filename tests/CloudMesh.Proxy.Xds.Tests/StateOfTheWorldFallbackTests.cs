using CloudMesh.Proxy.Xds.Status;
using CloudMesh.Proxy.Xds.Tests.Support;
using CloudMesh.TestSupport;
using static CloudMesh.Proxy.Xds.Tests.Support.ShopExpectations;
using TypeUrls = CloudMesh.Xds.XdsTypeUrls;

namespace CloudMesh.Proxy.Xds.Tests;

/// <summary>A control plane without delta xDS: the client falls back to state of the world, for good.</summary>
public sealed class StateOfTheWorldFallbackTests
{
    private static readonly string[] AllTypes = [TypeUrls.Listener, TypeUrls.RouteConfiguration, TypeUrls.Cluster, TypeUrls.ClusterLoadAssignment];

    [Fact]
    public async Task Falls_back_when_delta_is_unimplemented_and_receives_and_acknowledges_everything()
    {
        var mesh = new ShopMesh();
        await using TestControlPlane server = await TestControlPlane.StartAsync(mesh, FreePort.Get(), sotwOnly: true);
        await using RunningClient proxy = RunningClient.Start(RunningClient.Options(server.Address));

        await Eventually.TrueAsync(() => IsComplete(proxy.Handler.Current), "the full configuration over state of the world");
        await Eventually.TrueAsync(
            () => AllTypes.All(t => server.TypeStatus(ShopMesh.FrontNodeId, t) is { AckedVersion: { Length: > 0 } acked, SentVersion: var sent } && acked == sent),
            "the server recorded an ACK of every type");
        Assert.Equal("sotw", server.Stream(ShopMesh.FrontNodeId)!.StreamKind);
        Assert.Equal(1, server.SotwOnly!.DeltaAttempts);
        XdsClientStatus status = proxy.Client.Status;
        Assert.Equal(XdsProtocolMode.StateOfTheWorld, status.Mode);
        Assert.True(status.Connected);
        foreach (string typeUrl in AllTypes)
        {
            Assert.Equal(server.TypeStatus(ShopMesh.FrontNodeId, typeUrl)!.AckedVersion, status.Accepted[typeUrl].Version);
        }

        // Changes keep flowing over state of the world, and a NACK names the version still in use.
        proxy.Handler.RejectWhen = state => CartAddresses(state).Contains("10.0.1.99") ? "denied endpoint" : null;
        string acceptedEds = status.Accepted[TypeUrls.ClusterLoadAssignment].Version;
        mesh.AddCartInstance("10.0.1.99");
        server.MeshChanged();
        await Eventually.TrueAsync(
            () => server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.ClusterLoadAssignment)?.LastNack is not null, "the server recorded the NACK");
        var nack = server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.ClusterLoadAssignment)!.LastNack!;
        Assert.Equal("denied endpoint", nack.Message);
        Assert.Equal(acceptedEds, nack.ClientVersion);
        Assert.Equal(["10.0.1.10"], CartAddresses(proxy.Handler.Current));

        proxy.Handler.RejectWhen = _ => null;
        mesh.AddCartInstance("10.0.1.11");
        server.MeshChanged();
        await Eventually.TrueAsync(() => CartAddresses(proxy.Handler.Current).Length == 3, "the next change over state of the world");

        // Falling back is for good: no second delta attempt, one stream.
        Assert.Equal(1, server.SotwOnly.DeltaAttempts);
        Assert.Equal(2, proxy.Client.Status.StreamsOpened);
    }
}
