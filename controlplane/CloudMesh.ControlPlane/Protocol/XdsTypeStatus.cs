namespace CloudMesh.ControlPlane.Protocol;

/// <summary>An immutable view of one type's protocol state on one stream, for operators.</summary>
/// <param name="TypeUrl">The type.</param>
/// <param name="Wildcard">True when the client has a wildcard subscription.</param>
/// <param name="SubscribedNames">How many resources the client named explicitly.</param>
/// <param name="SentVersion">Version of the latest response (SotW version_info, delta system_version_info).</param>
/// <param name="SentNonce">Nonce of the latest response.</param>
/// <param name="AckedVersion">Version of the latest response the client accepted.</param>
/// <param name="AckedNonce">Nonce of the latest response the client accepted.</param>
/// <param name="LastNack">The latest rejection, if any (kept after later ACKs, so operators see what happened).</param>
public sealed record XdsTypeStatus(
    string TypeUrl,
    bool Wildcard,
    int SubscribedNames,
    string? SentVersion,
    string? SentNonce,
    string? AckedVersion,
    string? AckedNonce,
    NackRecord? LastNack);
