using CloudMesh.ControlPlane.Protocol;
using CloudMesh.ControlPlane.Resources;
using CloudMesh.Xds;
using static CloudMesh.ControlPlane.Tests.Support.TestConfigs;

namespace CloudMesh.ControlPlane.Tests.Protocol;

public sealed class SelectionTests
{
    private static readonly ProxySnapshot Snapshot = ProxySnapshot.From(Config(clusters: [Cluster("a"), Cluster("b"), Cluster("c")]));

    [Fact]
    public void Naming_every_resource_selects_the_wildcard_set_with_its_version()
    {
        Selection named = Selection.Of(Snapshot, XdsTypeUrls.Cluster, Named("c", "a", "b"));

        Assert.Same(Snapshot.Clusters.Items, named.Items);
        Assert.Equal(Snapshot.Clusters.Version, named.Version);
    }

    [Fact]
    public void The_shortcut_gives_the_version_the_general_path_computes()
    {
        // "a", "b", "c" and "zz" (absent) takes the general path; the same three alone take the shortcut.
        Selection general = Selection.Of(Snapshot, XdsTypeUrls.Cluster, Named("a", "b", "c", "zz"));
        Selection shortcut = Selection.Of(Snapshot, XdsTypeUrls.Cluster, Named("a", "b", "c"));

        Assert.NotSame(Snapshot.Clusters.Items, general.Items);
        Assert.Equal(["a", "b", "c"], general.Items.Select(r => r.Name));
        Assert.Equal(general.Version, shortcut.Version);
    }

    [Fact]
    public void Naming_part_of_the_set_selects_only_those_with_another_version()
    {
        Selection part = Selection.Of(Snapshot, XdsTypeUrls.Cluster, Named("b", "a"));

        Assert.Equal(["a", "b"], part.Items.Select(r => r.Name));
        Assert.NotEqual(Snapshot.Clusters.Version, part.Version);
    }

    [Fact]
    public void Retained_resources_are_added_even_when_the_names_cover_the_set()
    {
        XdsResource dropped = ProxySnapshot.From(Config(clusters: [Cluster("old")])).Clusters.Find("old")!;

        Selection withRetained = Selection.Of(Snapshot, XdsTypeUrls.Cluster, Named("a", "b", "c"), [dropped]);

        Assert.Equal(["a", "b", "c", "old"], withRetained.Items.Select(r => r.Name));
        Assert.NotEqual(Snapshot.Clusters.Version, withRetained.Version);
    }

    private static Subscription Named(params string[] names)
    {
        var subscription = new Subscription(legacyWildcardAllowed: true);
        subscription.Replace(names);
        return subscription;
    }
}
