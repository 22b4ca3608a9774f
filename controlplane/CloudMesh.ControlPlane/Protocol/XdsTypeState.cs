using CloudMesh.ControlPlane.Resources;
using CloudMesh.Xds;

namespace CloudMesh.ControlPlane.Protocol;

/// <summary>
/// The protocol state of one type on one stream that both ADS variants keep: the subscription, the latest
/// response sent and the latest one the client accepted. Each protocol adds what only it tracks.
/// </summary>
internal abstract class XdsTypeState
{
    protected XdsTypeState(string typeUrl)
    {
        TypeUrl = typeUrl;
        Subscription = new Subscription(XdsTypeUrls.IsWildcardRootType(typeUrl));
    }

    public string TypeUrl { get; }

    public Subscription Subscription { get; }

    /// <summary>True when the client takes part in this type, so snapshot changes are pushed to it.</summary>
    public abstract bool IsActive { get; }

    /// <summary>The latest response: its version, nonce and the snapshot generation it came from.</summary>
    public string? SentVersion { get; set; }

    public string? SentNonce { get; set; }

    public long SentGeneration { get; set; }

    /// <summary>The latest response the client accepted.</summary>
    public string? AckedVersion { get; set; }

    public string? AckedNonce { get; set; }

    public long AckedGeneration { get; set; } = -1;

    public NackRecord? LastNack { get; set; }

    /// <summary>True when the latest response was accepted (or none was needed).</summary>
    public bool LatestAcked => SentNonce == AckedNonce;

    public XdsTypeStatus ToStatus() => new(
        TypeUrl, Subscription.IsWildcard, Subscription.Names.Count, SentVersion, SentNonce, AckedVersion, AckedNonce, LastNack);
}
