namespace CloudMesh.Api.Core.Tenancy;

/// <summary>The effective limits of one tenant: its request rate limit and its quotas.</summary>
/// <param name="RequestsPerSecond">Sustained App Mesh API requests per second; 0 disables the rate limit.</param>
/// <param name="Burst">How many requests may arrive at once above the sustained rate.</param>
/// <param name="Quotas">Resource quotas.</param>
public sealed record TenantLimits(int RequestsPerSecond, int Burst, TenantQuotas Quotas);
