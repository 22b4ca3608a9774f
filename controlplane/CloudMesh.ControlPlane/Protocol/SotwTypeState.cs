using CloudMesh.ControlPlane.Resources;

namespace CloudMesh.ControlPlane.Protocol;

/// <summary>The state-of-the-world protocol state of one type on one stream.</summary>
internal sealed class SotwTypeState(string typeUrl) : XdsTypeState(typeUrl)
{
    /// <summary>A state-of-the-world client is owed responses as long as it names (or wildcards) anything.</summary>
    public override bool IsActive => !Subscription.IsEmpty;

    /// <summary>The resources of the latest response (the client's whole set of this type).</summary>
    public IReadOnlyList<XdsResource> SentItems { get; set; } = [];
}
