using System.Text.Json;
using CloudMesh.Proxy.Xds.Status;
using CloudMesh.Proxy.Xds.Tests.Support;
using CloudMesh.TestSupport;
using static CloudMesh.Proxy.Xds.Tests.Support.ShopExpectations;
using TypeUrls = CloudMesh.Xds.XdsTypeUrls;

namespace CloudMesh.Proxy.Xds.Tests;

/// <summary>The delta ADS path against the real control plane and compiler.</summary>
public sealed class DeltaStreamTests
{
    private static readonly string[] AllTypes = [TypeUrls.Listener, TypeUrls.RouteConfiguration, TypeUrls.Cluster, TypeUrls.ClusterLoadAssignment];

    [Fact]
    public async Task Receives_the_full_configuration_and_acknowledges_every_type()
    {
        var mesh = new ShopMesh();
        await using TestControlPlane server = await TestControlPlane.StartAsync(mesh, FreePort.Get());
        await using RunningClient proxy = RunningClient.Start(RunningClient.Options(server.Address));

        await Eventually.TrueAsync(() => IsComplete(proxy.Handler.Current), "the proxy holds listeners, routes, clusters and endpoints");
        Assert.Equal(["10.0.1.10"], CartAddresses(proxy.Handler.Current));

        // The server sees every type acknowledged at the version it sent, and the client reports the same versions.
        await Eventually.TrueAsync(
            () => AllTypes.All(t => server.TypeStatus(ShopMesh.FrontNodeId, t) is { AckedVersion: { Length: > 0 } acked, SentVersion: var sent } && acked == sent),
            "the server recorded an ACK of the latest response of every type");
        JsonElement proxies = await server.DebugProxiesAsync(ShopMesh.FrontNodeId);
        JsonElement stream = Assert.Single(proxies.GetProperty("proxies").EnumerateArray());
        Assert.Equal("delta", stream.GetProperty("stream").GetString());
        Assert.Equal("BearerToken", stream.GetProperty("authentication").GetString());
        XdsClientStatus status = proxy.Client.Status;
        foreach (JsonElement type in stream.GetProperty("types").EnumerateArray())
        {
            string typeUrl = type.GetProperty("typeUrl").GetString()!;
            Assert.Equal(type.GetProperty("ackedVersion").GetString(), status.Accepted[typeUrl].Version);
            Assert.Equal(JsonValueKind.Null, type.GetProperty("lastNack").ValueKind);
        }

        Assert.True(status.Connected);
        Assert.True(status.Ready);
        Assert.Equal(XdsProtocolMode.Delta, status.Mode);
        Assert.Null(status.LastRejection);
        Assert.Null(proxy.Client.Status.LastConnectionError);
    }

    [Fact]
    public async Task A_configuration_change_is_pushed_and_applied()
    {
        var mesh = new ShopMesh();
        await using TestControlPlane server = await TestControlPlane.StartAsync(mesh, FreePort.Get());
        await using RunningClient proxy = RunningClient.Start(RunningClient.Options(server.Address));
        await Eventually.TrueAsync(() => IsComplete(proxy.Handler.Current), "the initial configuration");
        string edsVersion = proxy.Client.Status.Accepted[TypeUrls.ClusterLoadAssignment].Version;

        mesh.AddCartInstance("10.0.1.11");
        server.MeshChanged();

        await Eventually.TrueAsync(() => CartAddresses(proxy.Handler.Current).Length == 2, "the new cart instance reached the data plane");
        Assert.Equal(["10.0.1.10", "10.0.1.11"], CartAddresses(proxy.Handler.Current));
        Assert.Equal(TypeUrls.ClusterLoadAssignment, proxy.Handler.Calls[^1].TypeUrl);
        await Eventually.TrueAsync(
            () => server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.ClusterLoadAssignment) is { AckedVersion: { } acked } && acked != edsVersion
                && acked == proxy.Client.Status.Accepted[TypeUrls.ClusterLoadAssignment].Version,
            "the server recorded the ACK of the new endpoints");
    }

    [Fact]
    public async Task A_rejected_update_is_nacked_with_the_detail_and_the_previous_state_stays()
    {
        var mesh = new ShopMesh();
        await using TestControlPlane server = await TestControlPlane.StartAsync(mesh, FreePort.Get());
        var handler = new RecordingStateHandler
        {
            RejectWhen = state => CartAddresses(state).Contains("10.0.1.99") ? "endpoint 10.0.1.99 is on the deny list" : null,
        };
        await using RunningClient proxy = RunningClient.Start(RunningClient.Options(server.Address), handler);
        await Eventually.TrueAsync(() => IsComplete(handler.Current), "the initial configuration");
        XdsState before = handler.Current;
        string acceptedEds = proxy.Client.Status.Accepted[TypeUrls.ClusterLoadAssignment].Version;

        mesh.AddCartInstance("10.0.1.99");
        server.MeshChanged();

        await Eventually.TrueAsync(
            () => server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.ClusterLoadAssignment)?.LastNack is not null,
            "the server recorded a NACK");
        var nack = server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.ClusterLoadAssignment)!.LastNack!;
        Assert.Equal(3, nack.Code);
        Assert.Equal("endpoint 10.0.1.99 is on the deny list", nack.Message);
        Assert.Equal(acceptedEds, server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.ClusterLoadAssignment)!.AckedVersion);

        XdsRejection rejection = proxy.Client.Status.LastRejection!;
        Assert.Equal(TypeUrls.ClusterLoadAssignment, rejection.TypeUrl);
        Assert.Equal("endpoint 10.0.1.99 is on the deny list", rejection.Detail);
        Assert.Equal(acceptedEds, proxy.Client.Status.Accepted[TypeUrls.ClusterLoadAssignment].Version);
        Assert.Same(before, handler.Current);
        Assert.True(XdsStateEquality.Same(before, proxy.Client.State));
        Assert.False(handler.Calls[^1].Accepted);

        // The previous state is still the base: the next change is applied on top of it, not of the rejected one.
        handler.RejectWhen = _ => null;
        mesh.AddCartInstance("10.0.1.12");
        server.MeshChanged();
        await Eventually.TrueAsync(() => CartAddresses(handler.Current).Contains("10.0.1.12"), "the next change applies");
        Assert.Equal(["10.0.1.10", "10.0.1.12", "10.0.1.99"], CartAddresses(handler.Current));
    }

    [Fact]
    public async Task A_data_plane_that_throws_is_a_rejection_not_a_crash()
    {
        var mesh = new ShopMesh();
        await using TestControlPlane server = await TestControlPlane.StartAsync(mesh, FreePort.Get());
        var handler = new RecordingStateHandler();
        await using RunningClient proxy = RunningClient.Start(RunningClient.Options(server.Address), handler);
        await Eventually.TrueAsync(() => IsComplete(handler.Current), "the initial configuration");
        int streams = proxy.Client.Status.StreamsOpened;

        handler.RejectWhen = _ => throw new InvalidOperationException("listener pool exhausted");
        mesh.AddCartInstance("10.0.1.11");
        server.MeshChanged();

        await Eventually.TrueAsync(
            () => server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.ClusterLoadAssignment)?.LastNack is not null, "the server recorded a NACK");
        Assert.Contains("listener pool exhausted", server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.ClusterLoadAssignment)!.LastNack!.Message,
            StringComparison.Ordinal);
        Assert.Equal(["10.0.1.10"], CartAddresses(handler.Current));
        Assert.True(proxy.Client.Status.Connected);
        Assert.Equal(streams, proxy.Client.Status.StreamsOpened);
    }

    [Fact]
    public async Task A_wrong_token_is_reported_and_retried_without_any_state()
    {
        var mesh = new ShopMesh();
        await using TestControlPlane server = await TestControlPlane.StartAsync(mesh, FreePort.Get());
        await using RunningClient proxy = RunningClient.Start(RunningClient.Options(server.Address, token: "cmx_not_a_real_token"));

        await Eventually.TrueAsync(() => proxy.Client.Status.StreamsOpened >= 2, "the client retried");
        XdsClientStatus status = proxy.Client.Status;
        Assert.StartsWith("Unauthenticated:", status.LastConnectionError, StringComparison.Ordinal);
        Assert.NotNull(status.LastConnectionErrorAt);
        Assert.False(status.Ready);
        Assert.Empty(proxy.Handler.Calls);
    }
}
