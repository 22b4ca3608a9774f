namespace CloudMesh.Api.Persistence.Entities;

/// <summary>A tenant: an account with a 12-digit id.</summary>
public sealed class TenantEntity
{
    /// <summary>The 12-digit account id.</summary>
    public required string AccountId { get; set; }
    /// <summary>A display name chosen by the operator.</summary>
    public required string Name { get; set; }
    /// <summary>When the tenant was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Rate limit override (requests per second); null means the service default.</summary>
    public int? RequestsPerSecond { get; set; }
    /// <summary>Burst override; null means the service default.</summary>
    public int? Burst { get; set; }
    /// <summary>Quota overrides as JSON (<see cref="Core.Tenancy.TenantQuotas"/>); null means App Mesh's defaults.</summary>
    public string? Quotas { get; set; }
}
