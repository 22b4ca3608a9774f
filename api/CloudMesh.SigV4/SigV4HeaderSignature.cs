namespace CloudMesh.SigV4;

/// <summary>The headers a client adds to sign a request in the Authorization-header form.</summary>
/// <param name="AmzDate">The X-Amz-Date value (ISO 8601 basic, e.g. <c>20240101T000000Z</c>).</param>
/// <param name="Authorization">The complete Authorization header value.</param>
/// <param name="SignedHeaders">The semicolon-separated header names that were signed.</param>
/// <param name="Signature">The lower-case hex signature.</param>
/// <param name="SecurityToken">The X-Amz-Security-Token value to send, when the credential has one.</param>
public sealed record SigV4HeaderSignature(
    string AmzDate, string Authorization, string SignedHeaders, string Signature, string? SecurityToken);
