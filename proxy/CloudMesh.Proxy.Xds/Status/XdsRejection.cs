namespace CloudMesh.Proxy.Xds.Status;

/// <summary>A response the client NACKed.</summary>
/// <param name="TypeUrl">The resource type.</param>
/// <param name="Version">The rejected response's version.</param>
/// <param name="Nonce">The rejected response's nonce.</param>
/// <param name="Detail">Why (sent as the NACK's error_detail message).</param>
/// <param name="At">When.</param>
public sealed record XdsRejection(string TypeUrl, string Version, string Nonce, string Detail, DateTimeOffset At);
