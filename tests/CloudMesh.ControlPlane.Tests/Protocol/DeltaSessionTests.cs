using CloudMesh.ControlPlane.Protocol;
using CloudMesh.ControlPlane.Resources;
using CloudMesh.ControlPlane.Tests.Support;
using Envoy.Service.Discovery.V3;
using static CloudMesh.ControlPlane.Tests.Support.TestConfigs;
using static CloudMesh.ControlPlane.Tests.Support.Xds;

namespace CloudMesh.ControlPlane.Tests.Protocol;

public sealed class DeltaSessionTests
{
    private readonly RecordingObserver _observer = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private DeltaSession NewSession(ProxySnapshot snapshot) =>
        new(snapshot, new XdsSessionOptions("replica-b", _clock, _observer));

    [Fact]
    public void Initial_wildcard_request_gets_every_resource_with_its_own_version()
    {
        ProxySnapshot snapshot = Snapshot(Config(clusters: [Cluster("a"), Cluster("b")]));
        DeltaSession session = NewSession(snapshot);

        DeltaDiscoveryResponse response = Assert.Single(session.HandleRequest(Delta(Cds)));

        Assert.Equal(["a", "b"], Names(response));
        Assert.Equal(snapshot.Clusters.Find("a")!.Version, response.Resources[0].Version);
        Assert.NotEqual(response.Resources[0].Version, response.Resources[1].Version);
        Assert.Equal(snapshot.Clusters.Version, response.SystemVersionInfo);
        Assert.Equal("replica-b", response.ControlPlane.Identifier);
        Assert.NotEmpty(response.Nonce);
        Assert.Empty(response.RemovedResources);
    }

    [Fact]
    public void After_an_ACK_only_changed_resources_are_sent_and_removed_ones_are_named()
    {
        DeltaSession session = NewSession(Snapshot(Config(clusters: [Cluster("a"), Cluster("b"), Cluster("c")])));
        DeltaDiscoveryResponse first = Assert.Single(session.HandleRequest(Delta(Cds)));
        Assert.Empty(session.HandleRequest(DeltaAck(first)));
        Assert.Equal(first.SystemVersionInfo, Assert.Single(session.Status).AckedVersion);

        DeltaDiscoveryResponse update = Assert.Single(session.HandleSnapshot(
            Snapshot(Config(clusters: [Cluster("a"), Cluster("b", connectTimeoutMs: 5), Cluster("d")]))));

        Assert.Equal(["b", "d"], Names(update));
        Assert.Equal(["c"], update.RemovedResources);
    }

    [Fact]
    public void A_subscribed_resource_that_does_not_exist_is_reported_removed_once_and_sent_when_it_appears()
    {
        DeltaSession session = NewSession(Snapshot(Config(routes: [Route("a", "c1")])));

        DeltaDiscoveryResponse response = Assert.Single(session.HandleRequest(Delta(Rds, subscribe: ["a", "ghost"])));
        Assert.Equal(["a"], Names(response));
        Assert.Equal(["ghost"], response.RemovedResources);
        session.HandleRequest(DeltaAck(response));

        // Unrelated changes do not repeat the "does not exist" notice.
        DeltaDiscoveryResponse changed = Assert.Single(session.HandleSnapshot(Snapshot(Config(routes: [Route("a", "c2")]))));
        Assert.Empty(changed.RemovedResources);
        session.HandleRequest(DeltaAck(changed));

        DeltaDiscoveryResponse appeared = Assert.Single(session.HandleSnapshot(
            Snapshot(Config(routes: [Route("a", "c2"), Route("ghost", "c3")]))));
        Assert.Equal(["ghost"], Names(appeared));
    }

    [Fact]
    public void Unsubscribing_needs_no_answer_and_resubscribing_resends_an_unchanged_resource()
    {
        DeltaSession session = NewSession(Snapshot(Config(endpoints: [Endpoints("c1", "10.0.0.1")])));
        DeltaDiscoveryResponse first = Assert.Single(session.HandleRequest(Delta(Eds, subscribe: ["c1"])));
        session.HandleRequest(DeltaAck(first));

        Assert.Empty(session.HandleRequest(Delta(Eds, unsubscribe: ["c1"])));
        Assert.Empty(session.HandleSnapshot(Snapshot(Config(endpoints: [Endpoints("c1", "10.0.0.2")]))));

        DeltaDiscoveryResponse again = Assert.Single(session.HandleRequest(Delta(Eds, subscribe: ["c1"])));
        Assert.Equal(["c1"], Names(again));

        // The protocol: a resubscribed name is sent even when the server believes the client has it.
        session.HandleRequest(DeltaAck(again));
        Assert.Equal(["c1"], Names(Assert.Single(session.HandleRequest(Delta(Eds, subscribe: ["c1"])))));
    }

    [Fact]
    public void Phantom_unsubscriptions_are_ignored()
    {
        DeltaSession session = NewSession(Snapshot(Config(endpoints: [Endpoints("c1", "10.0.0.1")])));
        session.HandleRequest(DeltaAck(Assert.Single(session.HandleRequest(Delta(Eds, subscribe: ["c1"])))));

        Assert.Empty(session.HandleRequest(Delta(Eds, unsubscribe: ["never-subscribed"])));
        Assert.Equal(1, Assert.Single(session.Status).SubscribedNames);
    }

    [Fact]
    public void Reconnect_with_initial_versions_sends_only_what_differs_and_removes_what_is_gone()
    {
        ProxySnapshot old = Snapshot(Config(clusters: [Cluster("a"), Cluster("b"), Cluster("gone")]));
        ProxySnapshot current = Snapshot(Config(clusters: [Cluster("a"), Cluster("b", connectTimeoutMs: 7), Cluster("new")]));
        DeltaSession session = NewSession(current);

        DeltaDiscoveryResponse response = Assert.Single(session.HandleRequest(Delta(Cds, initialVersions: new Dictionary<string, string>
        {
            ["a"] = old.Clusters.Find("a")!.Version,
            ["b"] = old.Clusters.Find("b")!.Version,
            ["gone"] = old.Clusters.Find("gone")!.Version,
        })));

        Assert.Equal(["b", "new"], Names(response));
        Assert.Equal(["gone"], response.RemovedResources);
    }

    [Fact]
    public void Reconnect_that_is_fully_up_to_date_gets_no_response()
    {
        ProxySnapshot snapshot = Snapshot(Config(clusters: [Cluster("a")]));
        DeltaSession session = NewSession(snapshot);

        Assert.Empty(session.HandleRequest(Delta(Cds, initialVersions: new Dictionary<string, string>
        {
            ["a"] = snapshot.Clusters.Find("a")!.Version,
        })));
    }

    [Fact]
    public void Legacy_wildcard_survives_a_named_subscription_and_ends_by_unsubscribing_the_wildcard()
    {
        DeltaSession session = NewSession(Snapshot(Sidecar()));
        DeltaDiscoveryResponse first = Assert.Single(session.HandleRequest(Delta(Lds)));
        Assert.Equal(["ingress"], Names(first));
        session.HandleRequest(DeltaAck(first));

        DeltaDiscoveryResponse api = Assert.Single(session.HandleRequest(Delta(Lds, subscribe: ["backend.local:8080"])));
        Assert.Equal(["backend.local:8080"], Names(api));
        Assert.True(Assert.Single(session.Status).Wildcard);
        session.HandleRequest(DeltaAck(api));

        // Leaving the wildcard: the socket listener is no longer covered; only the named one stays tracked.
        Assert.Empty(session.HandleRequest(Delta(Lds, unsubscribe: ["*"])));
        Assert.False(Assert.Single(session.Status).Wildcard);
        DeltaDiscoveryResponse change = Assert.Single(session.HandleSnapshot(Snapshot(Config(
            listeners: [Listener("ingress", statPrefix: "changed")],
            apiListeners: [ApiListener("backend.local:8080", "routes-2")]))));
        Assert.Equal(["backend.local:8080"], Names(change));
    }

    [Fact]
    public void Unsubscribing_a_name_under_a_wildcard_resends_it_if_covered_and_removes_it_if_not()
    {
        DeltaSession session = NewSession(Snapshot(Sidecar()));
        session.HandleRequest(DeltaAck(Assert.Single(session.HandleRequest(Delta(Lds, subscribe: ["*", "ingress", "backend.local:8080"])))));

        DeltaDiscoveryResponse covered = Assert.Single(session.HandleRequest(Delta(Lds, unsubscribe: ["ingress"])));
        Assert.Equal(["ingress"], Names(covered));
        Assert.Empty(covered.RemovedResources);
        session.HandleRequest(DeltaAck(covered));

        DeltaDiscoveryResponse notCovered = Assert.Single(session.HandleRequest(Delta(Lds, unsubscribe: ["backend.local:8080"])));
        Assert.Empty(notCovered.Resources);
        Assert.Equal(["backend.local:8080"], notCovered.RemovedResources);
    }

    [Fact]
    public void A_NACK_is_recorded_and_the_rejected_version_is_not_resent_but_the_next_change_is()
    {
        DeltaSession session = NewSession(Snapshot(Config(clusters: [Cluster("a")])));
        DeltaDiscoveryResponse first = Assert.Single(session.HandleRequest(Delta(Cds)));
        session.HandleRequest(DeltaAck(first));
        DeltaDiscoveryResponse bad = Assert.Single(session.HandleSnapshot(Snapshot(Config(clusters: [Cluster("a", connectTimeoutMs: 1)]))));

        Assert.Empty(session.HandleRequest(DeltaNack(bad, "connect_timeout too small")));

        XdsTypeStatus status = Assert.Single(session.Status);
        Assert.Equal(first.SystemVersionInfo, status.AckedVersion);
        Assert.Equal("connect_timeout too small", status.LastNack!.Message);
        Assert.Equal(bad.SystemVersionInfo, status.LastNack.RejectedVersion);
        Assert.Single(_observer.Nacks);
        Assert.Empty(session.HandleSnapshot(Snapshot(Config(clusters: [Cluster("a", connectTimeoutMs: 1)]))));
        Assert.Equal(["a"], Names(Assert.Single(session.HandleSnapshot(Snapshot(Config(clusters: [Cluster("a", connectTimeoutMs: 250)]))))));
    }

    [Fact]
    public void Subscription_changes_are_honoured_even_with_a_stale_nonce_whose_ACK_is_ignored()
    {
        DeltaSession session = NewSession(Snapshot(Config(routes: [Route("a", "c1"), Route("b", "c2")])));
        DeltaDiscoveryResponse first = Assert.Single(session.HandleRequest(Delta(Rds, subscribe: ["a"])));
        DeltaDiscoveryResponse second = Assert.Single(session.HandleSnapshot(Snapshot(Config(routes: [Route("a", "c3"), Route("b", "c2")]))));

        DeltaDiscoveryResponse added = Assert.Single(session.HandleRequest(Delta(Rds, subscribe: ["b"], nonce: first.Nonce)));

        Assert.Equal(["b"], Names(added));
        Assert.Null(Assert.Single(session.Status).AckedNonce);
        _ = second;
    }

    [Fact]
    public void Pushes_go_CDS_EDS_LDS_RDS_and_cluster_and_endpoint_removals_wait_for_the_route_ACK()
    {
        DeltaSession session = NewSession(Snapshot(Sidecar(cluster: "v1")));
        foreach (DeltaDiscoveryRequest request in new[] { Delta(Lds), Delta(Rds, subscribe: ["routes"]), Delta(Cds), Delta(Eds, subscribe: ["v1"]) })
        {
            session.HandleRequest(DeltaAck(Assert.Single(session.HandleRequest(request))));
        }

        IReadOnlyList<DeltaDiscoveryResponse> pushes = session.HandleSnapshot(Snapshot(Config(
            listeners: [Listener("ingress", "routes", statPrefix: "v2")],
            apiListeners: [ApiListener("backend.local:8080")],
            routes: [Route("routes", "v2")],
            clusters: [Cluster("v2")],
            endpoints: [Endpoints("v2", "10.0.0.2")])));

        Assert.Equal([Cds, Lds, Rds], pushes.Select(p => p.TypeUrl));
        Assert.Equal(["v2"], Names(pushes[0]));
        Assert.Empty(pushes[0].RemovedResources);
        Assert.Equal(["v1"], session.DeferredRemovals(Cds));
        Assert.Equal(["v1"], session.DeferredRemovals(Eds));

        Assert.Empty(session.HandleRequest(DeltaAck(pushes[0])));
        Assert.Empty(session.HandleRequest(DeltaAck(pushes[1])));
        IReadOnlyList<DeltaDiscoveryResponse> released = session.HandleRequest(DeltaAck(pushes[2]));

        Assert.Equal([Cds, Eds], released.Select(r => r.TypeUrl));
        Assert.Equal(["v1"], released[0].RemovedResources);
        Assert.Equal(["v1"], released[1].RemovedResources);
        Assert.Empty(session.DeferredRemovals(Cds));
    }

    [Fact]
    public void Removals_held_for_one_change_go_out_with_the_next_change()
    {
        DeltaSession session = NewSession(Snapshot(Sidecar(cluster: "v1")));
        session.HandleRequest(DeltaAck(Assert.Single(session.HandleRequest(Delta(Rds, subscribe: ["routes"])))));
        session.HandleRequest(DeltaAck(Assert.Single(session.HandleRequest(Delta(Cds)))));
        session.HandleSnapshot(Snapshot(Sidecar(cluster: "v2")));

        IReadOnlyList<DeltaDiscoveryResponse> next = session.HandleSnapshot(Snapshot(Sidecar(cluster: "v3")));

        Assert.Equal(["v1"], next[0].RemovedResources);
        Assert.Equal(["v2"], session.DeferredRemovals(Cds));
    }

    [Fact]
    public void A_proxy_without_configuration_gets_an_empty_first_answer_then_its_configuration()
    {
        DeltaSession session = NewSession(ProxySnapshot.Missing);
        DeltaDiscoveryResponse empty = Assert.Single(session.HandleRequest(Delta(Cds)));
        Assert.Empty(empty.Resources);
        Assert.Empty(empty.RemovedResources);
        session.HandleRequest(DeltaAck(empty));

        Assert.Equal(["backend"], Names(Assert.Single(session.HandleSnapshot(Snapshot(Sidecar())))));
    }

    [Fact]
    public void A_request_without_a_type_url_is_a_protocol_error()
    {
        DeltaSession session = NewSession(Snapshot(Sidecar()));

        Assert.Throws<XdsProtocolException>(() => session.HandleRequest(new DeltaDiscoveryRequest()));
    }
}
