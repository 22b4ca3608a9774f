using CloudMesh.ControlPlane.Resources;

namespace CloudMesh.ControlPlane.Protocol;

/// <summary>The incremental protocol state of one type on one stream.</summary>
internal sealed class DeltaTypeState
{
    /// <summary>
    /// A version no resource has: marks a name the client may hold and must be told about (sent again or removed).
    /// </summary>
    public const string MustResolve = "";

    public DeltaTypeState(string typeUrl)
    {
        TypeUrl = typeUrl;
        Subscription = new Subscription(XdsTypeUrls.IsWildcardRootType(typeUrl));
    }

    public string TypeUrl { get; }

    public Subscription Subscription { get; }

    public bool SeenRequest { get; set; }

    /// <summary>
    /// What the client holds, as far as the server knows: name → version; a null version means the client was told
    /// the resource does not exist. Versions are the snapshot's own strings, so entries share memory with it.
    /// Updated when a response is sent (a NACK does not roll it back: the rejected version is not resent in a loop).
    /// </summary>
    public Dictionary<string, string?> ClientVersions { get; } = new(StringComparer.Ordinal);

    /// <summary>Removals held back for make-before-break (CDS and EDS only).</summary>
    public HashSet<string> DeferredRemovals { get; set; } = new(StringComparer.Ordinal);

    public string? SentVersion { get; set; }

    public string? SentNonce { get; set; }

    public long SentGeneration { get; set; }

    public string? AckedVersion { get; set; }

    public string? AckedNonce { get; set; }

    public long AckedGeneration { get; set; } = -1;

    public NackRecord? LastNack { get; set; }

    public bool LatestAcked => SentNonce == AckedNonce;

    public XdsTypeStatus ToStatus() => new(
        TypeUrl, Subscription.IsWildcard, Subscription.Names.Count, SentVersion, SentNonce, AckedVersion, AckedNonce, LastNack);
}
