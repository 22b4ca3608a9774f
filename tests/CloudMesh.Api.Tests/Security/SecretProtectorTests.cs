using System.Security.Cryptography;
using CloudMesh.Api.Security;
using Xunit;

namespace CloudMesh.Api.Tests.Security;

public sealed class SecretProtectorTests
{
    private readonly SecretProtector _protector = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Round_trips_and_never_stores_the_secret_in_clear()
    {
        var stored = _protector.Protect("AKIAEXAMPLE", "s3cr3t/value+");

        Assert.Equal("s3cr3t/value+", _protector.Unprotect("AKIAEXAMPLE", stored));
        Assert.DoesNotContain("s3cr3t", System.Text.Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        Assert.NotEqual(stored, _protector.Protect("AKIAEXAMPLE", "s3cr3t/value+")); // fresh nonce each time
    }

    [Fact]
    public void A_ciphertext_moved_to_another_key_id_does_not_decrypt()
    {
        var stored = _protector.Protect("AKIAONE", "secret");

        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect("AKIATWO", stored));
    }

    [Fact]
    public void A_tampered_ciphertext_or_another_service_key_does_not_decrypt()
    {
        var stored = _protector.Protect("AKIAONE", "secret");
        stored[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect("AKIAONE", stored));
        Assert.ThrowsAny<CryptographicException>(() =>
            new SecretProtector(RandomNumberGenerator.GetBytes(32)).Unprotect("AKIAONE", _protector.Protect("AKIAONE", "secret")));
    }
}
