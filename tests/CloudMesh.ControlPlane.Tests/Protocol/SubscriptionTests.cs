using CloudMesh.ControlPlane.Protocol;

namespace CloudMesh.ControlPlane.Tests.Protocol;

/// <summary>The four-step examples of the xDS protocol's "How the client specifies what resources to return".</summary>
public sealed class SubscriptionTests
{
    [Fact]
    public void SotW_follows_the_protocols_example()
    {
        var subscription = new Subscription(legacyWildcardAllowed: true);

        subscription.Replace([]);
        Assert.True(subscription.IsWildcard);

        subscription.Replace(["*", "A"]);
        Assert.True(subscription.IsWildcard);
        Assert.Equal(["A"], subscription.Names);

        subscription.Replace(["A"]);
        Assert.False(subscription.IsWildcard);
        Assert.Equal(["A"], subscription.Names);

        subscription.Replace([]);
        Assert.True(subscription.IsEmpty);
    }

    [Fact]
    public void Incremental_follows_the_protocols_example()
    {
        var subscription = new Subscription(legacyWildcardAllowed: true);

        subscription.Apply([], [], firstRequest: true);
        Assert.True(subscription.IsWildcard);

        subscription.Apply(["A"], [], firstRequest: false);
        Assert.True(subscription.IsWildcard);
        Assert.Equal(["A"], subscription.Names);

        DeltaSubscriptionChange dropWildcard = subscription.Apply([], ["*"], firstRequest: false);
        Assert.True(dropWildcard.WildcardDropped);
        Assert.False(subscription.IsWildcard);

        DeltaSubscriptionChange dropA = subscription.Apply([], ["A"], firstRequest: false);
        Assert.Equal(["A"], dropA.Unsubscribed);
        Assert.True(subscription.IsEmpty);

        // Empty again, but never a wildcard again.
        subscription.Apply([], [], firstRequest: false);
        Assert.True(subscription.IsEmpty);
    }

    [Fact]
    public void Types_without_a_legacy_wildcard_need_an_explicit_star()
    {
        var subscription = new Subscription(legacyWildcardAllowed: false);

        subscription.Replace([]);
        Assert.True(subscription.IsEmpty);

        subscription.Replace(["*"]);
        Assert.True(subscription.IsWildcard);
    }
}
