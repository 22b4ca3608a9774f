namespace CloudMesh.SigV4.Internal;

/// <summary>The inputs of one canonical request, already selected by the verifier or the signer.</summary>
internal readonly ref struct CanonicalRequestParts
{
    public required ReadOnlySpan<char> Method { get; init; }

    /// <summary>The path exactly as on the wire (still percent-encoded).</summary>
    public required ReadOnlySpan<char> RawPath { get; init; }

    /// <summary>The query exactly as on the wire, without '?'.</summary>
    public required ReadOnlySpan<char> RawQuery { get; init; }

    /// <summary>True for presigned requests: X-Amz-Signature is not part of what it signs.</summary>
    public required bool ExcludeSignatureParameter { get; init; }

    public required ReadOnlySpan<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>The semicolon-separated, lower-case, sorted header names the client signed.</summary>
    public required ReadOnlySpan<char> SignedHeaders { get; init; }

    public required ReadOnlySpan<char> PayloadHash { get; init; }
}
