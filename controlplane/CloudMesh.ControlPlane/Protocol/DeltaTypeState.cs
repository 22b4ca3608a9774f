namespace CloudMesh.ControlPlane.Protocol;

/// <summary>The incremental protocol state of one type on one stream.</summary>
internal sealed class DeltaTypeState(string typeUrl) : XdsTypeState(typeUrl)
{
    /// <summary>
    /// A version no resource has: marks a name the client may hold and must be told about (sent again or removed).
    /// </summary>
    public const string MustResolve = "";

    /// <summary>
    /// An incremental client takes part from its first request on, even with nothing subscribed: it may still
    /// hold resources it must be told to remove.
    /// </summary>
    public override bool IsActive => SeenRequest;

    public bool SeenRequest { get; set; }

    /// <summary>
    /// What the client holds, as far as the server knows: name → version; a null version means the client was told
    /// the resource does not exist. Versions are the snapshot's own strings, so entries share memory with it.
    /// Updated when a response is sent (a NACK does not roll it back: the rejected version is not resent in a loop).
    /// </summary>
    public Dictionary<string, string?> ClientVersions { get; } = new(StringComparer.Ordinal);

    /// <summary>Removals held back for make-before-break (CDS and EDS only).</summary>
    public HashSet<string> DeferredRemovals { get; set; } = new(StringComparer.Ordinal);
}
