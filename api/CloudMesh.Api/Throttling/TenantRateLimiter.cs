using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using CloudMesh.Api.Core.Tenancy;

namespace CloudMesh.Api.Throttling;

/// <summary>
/// Per-tenant token buckets for App Mesh API requests (answered with TooManyRequestsException when empty). The
/// buckets live in this instance's memory: with N instances a tenant may get up to N times its rate, the usual
/// trade-off of a limiter that costs nothing on the request path.
/// </summary>
public sealed class TenantRateLimiter : IDisposable
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Takes one token for <paramref name="accountId"/>; false when the tenant is over its limit.</summary>
    public bool TryAcquire(string accountId, TenantLimits limits)
    {
        if (limits.RequestsPerSecond <= 0)
        {
            return true;
        }

        var bucket = _buckets.AddOrUpdate(accountId,
            static (_, l) => new Bucket(l),
            static (_, existing, l) => existing.Matches(l) ? existing : Replace(existing, l),
            limits);
        using var lease = bucket.Limiter.AttemptAcquire();
        return lease.IsAcquired;
    }

    private static Bucket Replace(Bucket existing, TenantLimits limits)
    {
        existing.Limiter.Dispose();
        return new Bucket(limits);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Limiter.Dispose();
        }
    }

    private sealed class Bucket(TenantLimits limits)
    {
        public TokenBucketRateLimiter Limiter { get; } = new(Options(limits));

        // Refill about 20 times a second, with the period chosen so the average rate is exactly the configured one
        // (1/s refills one token every second; 15/s one every 66.7 ms; 5000/s 250 every 50 ms).
        internal static TokenBucketRateLimiterOptions Options(TenantLimits limits)
        {
            var perPeriod = Math.Max(1, limits.RequestsPerSecond / 20);
            return new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, limits.Burst),
                TokensPerPeriod = perPeriod,
                ReplenishmentPeriod = TimeSpan.FromTicks(TimeSpan.TicksPerSecond * perPeriod / limits.RequestsPerSecond),
                QueueLimit = 0,
                AutoReplenishment = true,
            };
        }

        public bool Matches(TenantLimits other) =>
            other.RequestsPerSecond == limits.RequestsPerSecond && other.Burst == limits.Burst;
    }
}
