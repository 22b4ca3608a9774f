namespace CloudMesh.ControlPlane.Protocol;

/// <summary>A configuration a proxy rejected, kept for operators (<c>/debug/proxies</c>).</summary>
/// <param name="TypeUrl">The rejected type.</param>
/// <param name="RejectedVersion">The version the server sent and the client refused.</param>
/// <param name="ClientVersion">The version the client says it still uses (its last accepted one).</param>
/// <param name="Nonce">The nonce of the rejected response.</param>
/// <param name="Code">The gRPC status code in the client's error_detail.</param>
/// <param name="Message">The client's error message.</param>
/// <param name="At">When the NACK arrived.</param>
public sealed record NackRecord(
    string TypeUrl,
    string? RejectedVersion,
    string ClientVersion,
    string Nonce,
    int Code,
    string Message,
    DateTimeOffset At);
