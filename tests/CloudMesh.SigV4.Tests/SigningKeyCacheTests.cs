using CloudMesh.SigV4.Internal;
using CloudMesh.SigV4.Tests.Support;

namespace CloudMesh.SigV4.Tests;

/// <summary>Derived signing keys are cached per (secret, date, region, service) and the cache stays bounded.</summary>
public sealed class SigningKeyCacheTests
{
    [Fact]
    public void Derivation_matches_the_AWS_documented_example()
    {
        // From the AWS SigV4 documentation ("Examples of how to derive a signing key").
        byte[] key = SigningKeyCache.Derive("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", 20120215, "us-east-1", "iam");
        Assert.Equal("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void The_same_inputs_return_the_cached_key_and_different_inputs_do_not()
    {
        var cache = new SigningKeyCache(capacity: 8);
        byte[] first = cache.GetOrDerive("secret", 20250102, "us-east-1", "appmesh");
        Assert.Same(first, cache.GetOrDerive("secret", 20250102, "us-east-1", "appmesh"));
        Assert.NotEqual(first, cache.GetOrDerive("secret", 20250103, "us-east-1", "appmesh"));
        Assert.NotEqual(first, cache.GetOrDerive("other", 20250102, "us-east-1", "appmesh"));
        Assert.NotEqual(first, cache.GetOrDerive("secret", 20250102, "eu-west-1", "appmesh"));
        Assert.NotEqual(first, cache.GetOrDerive("secret", 20250102, "us-east-1", "ecs"));
        Assert.Equal(5, cache.Count);
    }

    [Fact]
    public void The_cache_never_holds_more_than_its_capacity()
    {
        var cache = new SigningKeyCache(capacity: 4);
        for (int i = 0; i < 50; i++)
        {
            cache.GetOrDerive($"secret-{i}", 20250102, "us-east-1", "appmesh");
            Assert.InRange(cache.Count, 1, 4);
        }
    }

    [Fact]
    public async Task The_verifier_derives_once_per_key_and_day()
    {
        SigV4Verifier verifier = SignedRequests.Verifier();
        InMemorySigV4CredentialStore store = TestCredentials.Store();
        for (int i = 0; i < 10; i++)
        {
            Assert.True((await verifier.VerifyAsync(SignedRequests.Sign(rawQuery: $"n={i}"), store, CancellationToken.None)).IsSuccess);
        }

        Assert.Equal(1, verifier.CachedSigningKeys);
    }
}
