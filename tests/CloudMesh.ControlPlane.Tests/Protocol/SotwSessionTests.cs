using CloudMesh.ControlPlane.Protocol;
using CloudMesh.ControlPlane.Resources;
using CloudMesh.ControlPlane.Tests.Support;
using Envoy.Service.Discovery.V3;
using static CloudMesh.ControlPlane.Tests.Support.TestConfigs;
using static CloudMesh.ControlPlane.Tests.Support.Xds;

namespace CloudMesh.ControlPlane.Tests.Protocol;

public sealed class SotwSessionTests
{
    private readonly RecordingObserver _observer = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private SotwSession NewSession(ProxySnapshot snapshot) =>
        new(snapshot, new XdsSessionOptions("replica-a", _clock, _observer));

    [Fact]
    public void Legacy_wildcard_LDS_gets_socket_listeners_only_with_a_content_version_a_nonce_and_the_replica_id()
    {
        ProxySnapshot snapshot = Snapshot(Sidecar());
        SotwSession session = NewSession(snapshot);

        DiscoveryResponse response = Assert.Single(session.HandleRequest(Request(Lds)));

        Assert.Equal(["ingress"], Names(response));
        Assert.Equal(snapshot.Listeners.Version, response.VersionInfo);
        Assert.Equal(Lds, response.TypeUrl);
        Assert.NotEmpty(response.Nonce);
        Assert.Equal("replica-a", response.ControlPlane.Identifier);
    }

    [Fact]
    public void Each_response_gets_a_fresh_nonce()
    {
        SotwSession session = NewSession(Snapshot(Sidecar()));
        DiscoveryResponse lds = Assert.Single(session.HandleRequest(Request(Lds)));
        DiscoveryResponse cds = Assert.Single(session.HandleRequest(Request(Cds)));
        DiscoveryResponse pushed = Assert.Single(session.HandleSnapshot(Snapshot(Sidecar(cluster: "other"))));

        Assert.Equal(3, new[] { lds.Nonce, cds.Nonce, pushed.Nonce }.Distinct().Count());
    }

    [Fact]
    public void An_ACK_is_recorded_and_answered_with_nothing()
    {
        SotwSession session = NewSession(Snapshot(Sidecar()));
        DiscoveryResponse response = Assert.Single(session.HandleRequest(Request(Cds)));

        Assert.Empty(session.HandleRequest(Ack(response)));

        XdsTypeStatus status = Assert.Single(session.Status);
        Assert.Equal(response.VersionInfo, status.AckedVersion);
        Assert.Equal(response.Nonce, status.AckedNonce);
        Assert.Null(status.LastNack);
        Assert.Equal([(Cds, (string?)response.VersionInfo)], _observer.Acks);
    }

    [Fact]
    public void A_NACK_keeps_the_last_ACKed_version_records_the_error_and_is_not_answered_with_the_same_version()
    {
        SotwSession session = NewSession(Snapshot(Sidecar()));
        DiscoveryResponse first = Assert.Single(session.HandleRequest(Request(Cds)));
        session.HandleRequest(Ack(first));
        DiscoveryResponse bad = Assert.Single(session.HandleSnapshot(Snapshot(Sidecar(cluster: "bad"))));

        IReadOnlyList<DiscoveryResponse> afterNack = session.HandleRequest(Nack(bad, first.VersionInfo, "cluster bad: invalid"));

        Assert.Empty(afterNack);
        XdsTypeStatus status = Assert.Single(session.Status);
        Assert.Equal(first.VersionInfo, status.AckedVersion);
        Assert.Equal(bad.VersionInfo, status.SentVersion);
        NackRecord nack = Assert.IsType<NackRecord>(status.LastNack);
        Assert.Equal(bad.VersionInfo, nack.RejectedVersion);
        Assert.Equal(first.VersionInfo, nack.ClientVersion);
        Assert.Equal("cluster bad: invalid", nack.Message);
        Assert.Equal(3, nack.Code);
        Assert.Equal(_clock.Now, nack.At);
        Assert.Same(nack, Assert.Single(_observer.Nacks));

        // The same rejected content again (e.g. a resync) is not pushed; a real change is.
        Assert.Empty(session.HandleSnapshot(Snapshot(Sidecar(cluster: "bad"))));
        Assert.Equal(["fixed"], Names(Assert.Single(session.HandleSnapshot(Snapshot(Sidecar(cluster: "fixed"))))));
    }

    [Fact]
    public void A_request_with_a_stale_nonce_is_ignored_even_when_it_changes_names()
    {
        SotwSession session = NewSession(Snapshot(Config(
            routes: [Route("a", "c1"), Route("b", "c2")])));
        DiscoveryResponse first = Assert.Single(session.HandleRequest(Request(Rds, ["a"])));
        DiscoveryResponse second = Assert.Single(session.HandleSnapshot(Snapshot(Config(
            routes: [Route("a", "c9"), Route("b", "c2")]))));

        Assert.Empty(session.HandleRequest(Request(Rds, ["a", "b"], first.Nonce, first.VersionInfo)));
        Assert.Null(Assert.Single(session.Status).AckedNonce);

        // The client's answer to the latest response carries its current names and is served.
        DiscoveryResponse third = Assert.Single(session.HandleRequest(Ack(second, ["a", "b"])));
        Assert.Equal(["a", "b"], Names(third));
    }

    [Fact]
    public void Named_LDS_gets_socket_and_API_listeners_by_name_and_omits_unknown_names()
    {
        SotwSession session = NewSession(Snapshot(Sidecar()));

        DiscoveryResponse response = Assert.Single(session.HandleRequest(Request(Lds, ["backend.local:8080", "ingress", "nope"])));

        Assert.Equal(["backend.local:8080", "ingress"], Names(response));
    }

    [Fact]
    public void Explicit_wildcard_plus_a_name_gets_the_socket_listeners_and_the_named_API_listener()
    {
        SotwSession session = NewSession(Snapshot(Sidecar()));

        DiscoveryResponse response = Assert.Single(session.HandleRequest(Request(Lds, ["*", "backend.local:8080"])));

        Assert.Equal(["backend.local:8080", "ingress"], Names(response));
        Assert.True(Assert.Single(session.Status).Wildcard);
    }

    [Fact]
    public void Legacy_wildcard_ends_once_names_are_sent_and_an_empty_list_then_unsubscribes()
    {
        SotwSession session = NewSession(Snapshot(Sidecar()));
        DiscoveryResponse wildcard = Assert.Single(session.HandleRequest(Request(Cds)));
        Assert.Equal(["backend"], Names(wildcard));

        // Names replace the wildcard: the named set differs (empty), so it is answered.
        DiscoveryResponse named = Assert.Single(session.HandleRequest(Ack(wildcard, ["missing"])));
        Assert.Empty(named.Resources);
        Assert.False(Assert.Single(session.Status).Wildcard);

        // Unsubscribing from everything needs no answer, and is not a wildcard again.
        Assert.Empty(session.HandleRequest(Ack(named, [])));
        Assert.Empty(session.HandleSnapshot(Snapshot(Sidecar(cluster: "other"))));
    }

    [Fact]
    public void RDS_and_EDS_are_by_name_and_a_name_added_in_an_ACK_is_answered()
    {
        SotwSession session = NewSession(Snapshot(Config(
            routes: [Route("a", "c1"), Route("b", "c2")],
            endpoints: [Endpoints("c1", "10.0.0.1"), Endpoints("c2", "10.0.0.2")])));

        DiscoveryResponse eds = Assert.Single(session.HandleRequest(Request(Eds, ["c1"])));
        Assert.Equal(["c1"], Names(eds));
        DiscoveryResponse more = Assert.Single(session.HandleRequest(Ack(eds, ["c1", "c2"])));
        Assert.Equal(["c1", "c2"], Names(more));
        Assert.NotEqual(eds.VersionInfo, more.VersionInfo);

        // An empty legacy request is not a wildcard for RDS: nothing is subscribed, nothing is sent.
        Assert.Empty(session.HandleRequest(Request(Rds)));
    }

    [Fact]
    public void A_change_that_does_not_alter_a_subscribed_set_is_not_pushed()
    {
        ProxySnapshot before = Snapshot(Config(routes: [Route("a", "c1"), Route("b", "c2")]));
        SotwSession session = NewSession(before);
        DiscoveryResponse response = Assert.Single(session.HandleRequest(Request(Rds, ["a"])));
        session.HandleRequest(Ack(response, ["a"]));

        Assert.Empty(session.HandleSnapshot(Snapshot(Config(routes: [Route("a", "c1"), Route("b", "c3")]))));
        Assert.Equal(["a"], Names(Assert.Single(session.HandleSnapshot(Snapshot(Config(routes: [Route("a", "c4")]))))));
    }

    [Fact]
    public void A_reconnecting_client_that_already_has_the_version_is_not_sent_it_again()
    {
        ProxySnapshot snapshot = Snapshot(Sidecar());
        SotwSession session = NewSession(snapshot);

        Assert.Empty(session.HandleRequest(Request(Cds, version: snapshot.Clusters.Version)));
        Assert.Equal(snapshot.Clusters.Version, Assert.Single(session.Status).AckedVersion);

        SotwSession stale = NewSession(snapshot);
        Assert.Equal(["backend"], Names(Assert.Single(stale.HandleRequest(Request(Cds, version: "0123456789abcdef")))));
    }

    [Fact]
    public void A_snapshot_change_is_pushed_CDS_then_EDS_then_LDS_then_RDS()
    {
        SotwSession session = NewSession(Snapshot(Sidecar()));
        foreach (DiscoveryRequest request in new[] { Request(Lds), Request(Rds, ["routes"]), Request(Cds), Request(Eds, ["backend"]) })
        {
            session.HandleRequest(Ack(Assert.Single(session.HandleRequest(request)), request.ResourceNames));
        }

        IReadOnlyList<DiscoveryResponse> pushes = session.HandleSnapshot(Snapshot(Config(
            listeners: [Listener("ingress", "routes", statPrefix: "v2")],
            routes: [Route("routes", "backend-v2")],
            clusters: [Cluster("backend"), Cluster("backend-v2")],
            endpoints: [Endpoints("backend", "10.0.0.9"), Endpoints("backend-v2", "10.0.0.2")])));

        Assert.Equal([Cds, Eds, Lds, Rds], pushes.Select(p => p.TypeUrl));
    }

    [Fact]
    public void A_dropped_cluster_stays_in_CDS_until_the_listeners_and_routes_that_replaced_it_are_ACKed()
    {
        SotwSession session = NewSession(Snapshot(Sidecar(cluster: "v1")));
        Subscribe(session, Request(Lds));
        Subscribe(session, Request(Rds, ["routes"]));
        Subscribe(session, Request(Cds));

        IReadOnlyList<DiscoveryResponse> pushes = session.HandleSnapshot(Snapshot(Config(
            listeners: [Listener("ingress", "routes", statPrefix: "v2")],
            routes: [Route("routes", "v2")],
            clusters: [Cluster("v2")])));

        Assert.Equal([Cds, Lds, Rds], pushes.Select(p => p.TypeUrl));
        Assert.Equal(["v1", "v2"], Names(pushes[0]));
        Assert.Equal(["v1"], session.RetainedClusterNames);

        Assert.Empty(session.HandleRequest(Ack(pushes[0])));
        Assert.Empty(session.HandleRequest(Ack(pushes[2], ["routes"])));
        Assert.Equal(["v1"], session.RetainedClusterNames);

        // The listener ACK completes the change: only now is CDS sent without v1.
        DiscoveryResponse release = Assert.Single(session.HandleRequest(Ack(pushes[1])));
        Assert.Equal(Cds, release.TypeUrl);
        Assert.Equal(["v2"], Names(release));
        Assert.Empty(session.RetainedClusterNames);
    }

    [Fact]
    public void After_the_route_ACK_the_final_CDS_without_the_retained_cluster_is_sent_immediately()
    {
        SotwSession session = NewSession(Snapshot(Sidecar(cluster: "v1")));
        Subscribe(session, Request(Rds, ["routes"]));
        Subscribe(session, Request(Cds));

        IReadOnlyList<DiscoveryResponse> pushes = session.HandleSnapshot(Snapshot(Sidecar(cluster: "v2")));
        Assert.Equal([Cds, Rds], pushes.Select(p => p.TypeUrl));
        session.HandleRequest(Ack(pushes[0]));

        DiscoveryResponse release = Assert.Single(session.HandleRequest(Ack(pushes[1], ["routes"])));

        Assert.Equal(Cds, release.TypeUrl);
        Assert.Equal(["v2"], Names(release));
    }

    [Fact]
    public void A_NACKed_route_update_keeps_the_old_cluster_until_the_next_change()
    {
        SotwSession session = NewSession(Snapshot(Sidecar(cluster: "v1")));
        DiscoveryResponse oldRoutes = Subscribe(session, Request(Rds, ["routes"]));
        Subscribe(session, Request(Cds));
        IReadOnlyList<DiscoveryResponse> pushes = session.HandleSnapshot(Snapshot(Sidecar(cluster: "v2")));
        session.HandleRequest(Ack(pushes[0]));

        Assert.Empty(session.HandleRequest(Nack(pushes[1], oldRoutes.VersionInfo, "route rejected", ["routes"])));
        Assert.Equal(["v1"], session.RetainedClusterNames);

        // "Or on the next push": a further change lets go of what the previous one retained.
        IReadOnlyList<DiscoveryResponse> next = session.HandleSnapshot(Snapshot(Sidecar(cluster: "v3")));
        Assert.Equal(["v2", "v3"], Names(next[0]));
    }

    [Fact]
    public void Clusters_dropped_without_listener_or_route_changes_are_removed_at_once()
    {
        SotwSession session = NewSession(Snapshot(Config(clusters: [Cluster("a"), Cluster("b")], routes: [Route("routes", "a")])));
        Subscribe(session, Request(Rds, ["routes"]));
        Subscribe(session, Request(Cds));

        DiscoveryResponse cds = Assert.Single(session.HandleSnapshot(Snapshot(Config(clusters: [Cluster("a")], routes: [Route("routes", "a")]))));

        Assert.Equal(["a"], Names(cds));
        Assert.Empty(session.RetainedClusterNames);
    }

    [Fact]
    public void A_proxy_without_configuration_gets_empty_complete_sets_then_its_configuration_when_it_appears()
    {
        SotwSession session = NewSession(ProxySnapshot.Missing);
        DiscoveryResponse lds = Assert.Single(session.HandleRequest(Request(Lds)));
        DiscoveryResponse cds = Assert.Single(session.HandleRequest(Request(Cds)));
        Assert.Empty(lds.Resources);
        Assert.Empty(cds.Resources);
        session.HandleRequest(Ack(lds));
        session.HandleRequest(Ack(cds));

        IReadOnlyList<DiscoveryResponse> pushes = session.HandleSnapshot(Snapshot(Sidecar()));

        Assert.Equal([Cds, Lds], pushes.Select(p => p.TypeUrl));
        Assert.Equal(["backend"], Names(pushes[0]));
    }

    [Fact]
    public void A_type_the_server_does_not_serve_is_answered_once_with_an_empty_set()
    {
        const string secrets = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret";
        SotwSession session = NewSession(Snapshot(Sidecar()));

        DiscoveryResponse response = Assert.Single(session.HandleRequest(Request(secrets, ["cert"])));

        Assert.Empty(response.Resources);
        Assert.Empty(session.HandleRequest(Ack(response, ["cert"])));
    }

    [Fact]
    public void A_request_without_a_type_url_is_a_protocol_error()
    {
        SotwSession session = NewSession(Snapshot(Sidecar()));

        Assert.Throws<XdsProtocolException>(() => session.HandleRequest(new DiscoveryRequest()));
    }

    [Fact]
    public void A_nonce_on_a_type_never_answered_on_this_stream_is_from_an_earlier_stream_and_is_served()
    {
        SotwSession session = NewSession(Snapshot(Sidecar()));

        DiscoveryResponse response = Assert.Single(session.HandleRequest(Request(Cds, nonce: "old-stream-7", version: "bogus")));

        Assert.Equal(["backend"], Names(response));
    }

    private static DiscoveryResponse Subscribe(SotwSession session, DiscoveryRequest request)
    {
        DiscoveryResponse response = Assert.Single(session.HandleRequest(request));
        Assert.Empty(session.HandleRequest(Ack(response, request.ResourceNames)));
        return response;
    }
}
