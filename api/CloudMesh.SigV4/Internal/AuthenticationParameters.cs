namespace CloudMesh.SigV4.Internal;

/// <summary>What a request claims about its signature, from either the Authorization header or the presigned query.</summary>
internal sealed class AuthenticationParameters
{
    public required bool IsPresigned { get; init; }

    public required string AccessKeyId { get; init; }

    /// <summary>The yyyymmdd part of the credential scope.</summary>
    public required string ScopeDate { get; init; }

    public required string ScopeRegion { get; init; }

    public required string ScopeService { get; init; }

    public required string ScopeTerminator { get; init; }

    public required string SignedHeaders { get; init; }

    public required string Signature { get; init; }

    /// <summary>The request time in ISO 8601 basic form (what the string-to-sign contains).</summary>
    public required string Timestamp { get; init; }

    public required DateTimeOffset RequestTime { get; init; }

    /// <summary>X-Amz-Expires in seconds (presigned only; 0 otherwise).</summary>
    public int ExpiresSeconds { get; init; }

    /// <summary>X-Amz-Security-Token, when the request carries one.</summary>
    public string? SecurityToken { get; init; }
}
