using System.Collections.Concurrent;
using System.Text.Json;
using CloudMesh.Api.Core.Tenancy;
using CloudMesh.Api.Hosting;
using CloudMesh.Api.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudMesh.Api.Throttling;

/// <summary>
/// The effective limits of each tenant: the service defaults overlaid with the tenant's overrides. Cached for a few
/// seconds per instance (limits are read on every request); an admin change is seen by other instances within that time.
/// </summary>
public sealed class TenantLimitsProvider(CloudMeshOptions options, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (TenantLimits Limits, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    /// <summary>The JSON options used to store quota overrides.</summary>
    internal static readonly JsonSerializerOptions QuotaJson = new(JsonSerializerDefaults.Web);

    /// <summary>Returns the tenant's effective limits.</summary>
    public async ValueTask<TenantLimits> GetAsync(CloudMeshDbContext db, string accountId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(accountId, out var cached) && cached.Expires > now)
        {
            return cached.Limits;
        }

        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.AccountId == accountId, ct);
        var limits = Effective(tenant?.RequestsPerSecond, tenant?.Burst, tenant?.Quotas);
        _cache[accountId] = (limits, now + CacheFor);
        return limits;
    }

    /// <summary>Combines stored overrides with the service defaults.</summary>
    public TenantLimits Effective(int? requestsPerSecond, int? burst, string? quotasJson) => new(
        requestsPerSecond ?? options.RateLimitRequestsPerSecond,
        burst ?? options.RateLimitBurst,
        quotasJson is null ? TenantQuotas.Default : JsonSerializer.Deserialize<TenantQuotas>(quotasJson, QuotaJson) ?? TenantQuotas.Default);

    /// <summary>Forgets a tenant's cached limits (after an admin change on this instance).</summary>
    public void Invalidate(string accountId) => _cache.TryRemove(accountId, out _);
}
