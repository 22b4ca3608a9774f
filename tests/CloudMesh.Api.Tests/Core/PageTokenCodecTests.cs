using System.Security.Cryptography;
using CloudMesh.Api.Core.Paging;
using Xunit;

namespace CloudMesh.Api.Tests.Core;

public sealed class PageTokenCodecTests
{
    private readonly PageTokenCodec _codec = new(RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData("node-1")]
    [InlineData("")]
    [InlineData("ünïcødé/名前")]
    public void Round_trips_within_its_scope(string name)
    {
        var token = _codec.Encode("acct|ListVirtualNodes|m|", name);

        Assert.True(_codec.TryDecode("acct|ListVirtualNodes|m|", token, out var decoded));
        Assert.Equal(name, decoded);
    }

    [Fact]
    public void Refuses_a_token_from_another_scope()
    {
        var token = _codec.Encode("acct|ListVirtualNodes|m1|", "a");

        Assert.False(_codec.TryDecode("acct|ListVirtualNodes|m2|", token, out _));
        Assert.False(_codec.TryDecode("other|ListVirtualNodes|m1|", token, out _));
    }

    [Fact]
    public void Refuses_every_single_character_change()
    {
        var token = _codec.Encode("s", "virtual-node-42");
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (var i = 0; i < token.Length; i++)
        {
            var replacement = alphabet[(alphabet.IndexOf(token[i], StringComparison.Ordinal) + 1) % alphabet.Length];
            var tampered = token[..i] + replacement + token[(i + 1)..];
            Assert.False(_codec.TryDecode("s", tampered, out _), $"tampered at {i}: {tampered}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !!")]
    [InlineData("AAAA")]
    public void Refuses_garbage(string token) => Assert.False(_codec.TryDecode("s", token, out _));

    [Fact]
    public void Another_key_cannot_read_tokens() =>
        Assert.False(new PageTokenCodec(RandomNumberGenerator.GetBytes(32)).TryDecode("s", _codec.Encode("s", "x"), out _));
}
