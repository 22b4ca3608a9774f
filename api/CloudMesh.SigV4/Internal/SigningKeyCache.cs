using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CloudMesh.SigV4.Internal;

/// <summary>
/// Derived signing keys per (secret, date, region, service). Deriving one costs four HMACs; a key is valid
/// for a whole UTC day, so nearly every request hits the cache. Bounded: when full it is simply cleared,
/// which keeps reads lock-free and costs one re-derivation per active key afterwards.
/// Thread-safe.
/// </summary>
internal sealed class SigningKeyCache(int capacity)
{
    private readonly ConcurrentDictionary<CacheKey, byte[]> _keys = new();
    private int _count;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>Number of keys held now (approximate under concurrency; for tests and diagnostics).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <param name="secretAccessKey">The secret.</param>
    /// <param name="date">The scope date as yyyymmdd digits.</param>
    /// <param name="region">The scope region.</param>
    /// <param name="service">The scope service.</param>
    public byte[] GetOrDerive(string secretAccessKey, int date, string region, string service)
    {
        var key = new CacheKey(secretAccessKey, date, region, service);
        if (_keys.TryGetValue(key, out byte[]? cached))
        {
            return cached;
        }

        byte[] derived = Derive(secretAccessKey, date, region, service);
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            _keys.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        // A racing thread may have added the same key; either value is identical.
        if (!_keys.TryAdd(key, derived))
        {
            Interlocked.Decrement(ref _count);
        }

        return derived;
    }

    /// <summary>kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").</summary>
    internal static byte[] Derive(string secretAccessKey, int date, string region, string service)
    {
        byte[] secret = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        Span<byte> dateText = stackalloc byte[8];
        int value = date;
        for (int i = 7; i >= 0; i--)
        {
            dateText[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        Span<byte> current = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> next = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, dateText, current);
        HMACSHA256.HashData(current, Encoding.UTF8.GetBytes(region), next);
        HMACSHA256.HashData(next, Encoding.UTF8.GetBytes(service), current);
        HMACSHA256.HashData(current, "aws4_request"u8, next);
        CryptographicOperations.ZeroMemory(secret);
        return next.ToArray();
    }

    private readonly record struct CacheKey(string Secret, int Date, string Region, string Service);
}
