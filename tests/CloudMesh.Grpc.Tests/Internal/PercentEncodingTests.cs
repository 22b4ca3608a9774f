using CloudMesh.Grpc.Internal;

namespace CloudMesh.Grpc.Tests.Internal;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("nö", "n%C3%B6")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("✓ done", "%E2%9C%93 done")]
    public void Encodes_non_printable_ascii_and_percent(string value, string encoded)
    {
        Assert.Equal(encoded, PercentEncoding.Encode(value));
        Assert.Equal(value, PercentEncoding.Decode(encoded));
    }

    [Theory]
    [InlineData("50%", "50%")]
    [InlineData("%zz", "%zz")]
    [InlineData("%4", "%4")]
    [InlineData("a%41b", "aAb")]
    public void Decoding_keeps_malformed_escapes(string value, string decoded) => Assert.Equal(decoded, PercentEncoding.Decode(value));
}
