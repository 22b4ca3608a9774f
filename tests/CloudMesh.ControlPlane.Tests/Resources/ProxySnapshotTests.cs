using CloudMesh.ControlPlane.Resources;
using CloudMesh.Xds;
using static CloudMesh.ControlPlane.Tests.Support.TestConfigs;

namespace CloudMesh.ControlPlane.Tests.Resources;

public sealed class ProxySnapshotTests
{
    [Fact]
    public void Versions_are_content_hashes_equal_for_equal_configurations_built_separately()
    {
        ProxySnapshot a = ProxySnapshot.From(Sidecar());
        ProxySnapshot b = ProxySnapshot.From(Sidecar());

        Assert.NotSame(a, b);
        Assert.Equal(a.Version, b.Version);
        Assert.Equal(a.Clusters.Find("backend")!.Version, b.Clusters.Find("backend")!.Version);
        Assert.Matches("^[0-9a-f]{16}$", a.Version);
    }

    [Fact]
    public void Changing_one_resource_changes_its_version_its_sets_version_and_nothing_else()
    {
        ProxySnapshot a = ProxySnapshot.From(Config(clusters: [Cluster("x"), Cluster("y")], routes: [Route("r", "x")]));
        ProxySnapshot b = ProxySnapshot.From(Config(clusters: [Cluster("x"), Cluster("y", connectTimeoutMs: 2)], routes: [Route("r", "x")]));

        Assert.Equal(a.Clusters.Find("x")!.Version, b.Clusters.Find("x")!.Version);
        Assert.NotEqual(a.Clusters.Find("y")!.Version, b.Clusters.Find("y")!.Version);
        Assert.NotEqual(a.Clusters.Version, b.Clusters.Version);
        Assert.Equal(a.RouteConfigurations.Version, b.RouteConfigurations.Version);
        Assert.NotEqual(a.Version, b.Version);
    }

    [Fact]
    public void A_recompute_reuses_the_previous_snapshots_sets_that_hold_the_same_resource_instances()
    {
        var x = Cluster("x");
        var y = Cluster("y");
        var route = Route("r", "x");
        ProxySnapshot first = ProxySnapshot.From(Config(clusters: [x, y], routes: [route]));

        // The same instances (the compiler shares unchanged messages across versions): the sets are the same objects.
        ProxySnapshot same = ProxySnapshot.From(Config(clusters: [y, x], routes: [route]), first);
        Assert.Same(first.Clusters, same.Clusters);
        Assert.Same(first.RouteConfigurations, same.RouteConfigurations);
        Assert.Equal(first.Version, same.Version);

        // An equal but new instance, or one resource more, builds a new set; its content version is what it was.
        ProxySnapshot rebuilt = ProxySnapshot.From(Config(clusters: [Cluster("x"), y], routes: [route]), first);
        Assert.NotSame(first.Clusters, rebuilt.Clusters);
        Assert.Equal(first.Clusters.Version, rebuilt.Clusters.Version);
        Assert.Same(first.RouteConfigurations, rebuilt.RouteConfigurations);
        ProxySnapshot grown = ProxySnapshot.From(Config(clusters: [x, y, Cluster("z")], routes: [route]), first);
        Assert.NotEqual(first.Clusters.Version, grown.Clusters.Version);
        Assert.Equal(["x", "y", "z"], grown.Clusters.Items.Select(c => c.Name));
    }

    [Fact]
    public void Resources_are_ordered_by_name_whatever_the_input_order()
    {
        ProxySnapshot snapshot = ProxySnapshot.From(Config(clusters: [Cluster("b"), Cluster("a"), Cluster("c")]));

        Assert.Equal(["a", "b", "c"], snapshot.Clusters.Items.Select(c => c.Name));
    }

    [Fact]
    public void Duplicate_names_are_refused_since_clients_NACK_them()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => ProxySnapshot.From(Config(clusters: [Cluster("a"), Cluster("a")])));

        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_configuration_is_an_empty_snapshot_distinct_from_an_empty_configuration()
    {
        Assert.False(ProxySnapshot.Missing.Exists);
        Assert.Equal(0, ProxySnapshot.Missing.Listeners.Count);
        ProxySnapshot empty = ProxySnapshot.From(Config());

        Assert.True(empty.Exists);
        Assert.NotEqual(ProxySnapshot.Missing.Version, empty.Version);
    }

    [Fact]
    public void Named_LDS_lookups_find_API_listeners_that_the_wildcard_set_leaves_out()
    {
        ProxySnapshot snapshot = ProxySnapshot.From(Sidecar());

        Assert.NotNull(snapshot.Find(XdsTypeUrls.Listener, "backend.local:8080"));
        Assert.False(snapshot.InWildcard(XdsTypeUrls.Listener, "backend.local:8080"));
        Assert.DoesNotContain(snapshot.Wildcard(XdsTypeUrls.Listener), l => l.Name == "backend.local:8080");
    }

    [Fact]
    public void A_message_instance_shared_by_two_configurations_is_packed_once_and_shared()
    {
        var shared = Cluster("backend");
        ProxySnapshot a = ProxySnapshot.From(Config(clusters: [shared, Cluster("a-only")]));
        ProxySnapshot b = ProxySnapshot.From(Config(clusters: [shared]));

        Assert.Same(a.Clusters.Find("backend"), b.Clusters.Find("backend"));
        Assert.Same(a.Clusters.Find("backend")!.Payload, b.Clusters.Find("backend")!.Payload);

        // Equal content in separate instances is packed separately, with the same version.
        ProxySnapshot c = ProxySnapshot.From(Config(clusters: [Cluster("backend")]));
        Assert.NotSame(a.Clusters.Find("backend"), c.Clusters.Find("backend"));
        Assert.Equal(a.Clusters.Find("backend")!.Version, c.Clusters.Find("backend")!.Version);
        Assert.Equal(b.Version, c.Version);
    }
}
