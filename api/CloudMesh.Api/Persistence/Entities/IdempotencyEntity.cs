namespace CloudMesh.Api.Persistence.Entities;

/// <summary>A remembered clientToken: the request it came with and the response it got.</summary>
public sealed class IdempotencyEntity : ITenantOwned
{
    /// <inheritdoc />
    public string AccountId { get; set; } = "";
    /// <summary>SHA-256 (hex) of the client's token: tokens are opaque and of any length.</summary>
    public required string ClientToken { get; set; }
    /// <summary>The operation the token was used with.</summary>
    public required string Operation { get; set; }
    /// <summary>A hash of the operation's input (token excluded).</summary>
    public required string RequestHash { get; set; }
    /// <summary>The response body returned the first time.</summary>
    public required string Response { get; set; }
    /// <summary>When the token was first used.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
