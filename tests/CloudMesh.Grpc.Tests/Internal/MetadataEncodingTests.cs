using CloudMesh.Grpc.Internal;
using Grpc.Core;

namespace CloudMesh.Grpc.Tests.Internal;

public sealed class MetadataEncodingTests
{
    [Fact]
    public void Binary_values_are_sent_as_unpadded_base64()
    {
        Assert.Equal("AQI", MetadataEncoding.ToHeaderValue(new Metadata.Entry("a-bin", [1, 2])));
        Assert.Equal("text", MetadataEncoding.ToHeaderValue(new Metadata.Entry("a", "text")));
    }

    [Theory]
    [InlineData("AQI")]
    [InlineData("AQI=")]
    public void Binary_values_are_accepted_padded_or_not(string value)
    {
        var metadata = new Metadata();

        MetadataEncoding.AddFromHeader(metadata, "X-Data-Bin", value);

        Assert.Equal([1, 2], metadata.GetValueBytes("x-data-bin"));
        Assert.Equal("x-data-bin", metadata[0].Key);
    }

    [Fact]
    public void Comma_separated_binary_values_become_separate_entries()
    {
        var metadata = new Metadata();

        MetadataEncoding.AddFromHeader(metadata, "x-data-bin", "AQ, Ag==");

        Assert.Equal([[1], [2]], metadata.GetAll("x-data-bin").Select(e => e.ValueBytes));
    }

    [Theory]
    [InlineData(":path")]
    [InlineData("content-type")]
    [InlineData("grpc-timeout")]
    [InlineData("grpc-status")]
    [InlineData("te")]
    [InlineData("bad key!")]
    public void Transport_headers_and_invalid_keys_are_not_metadata(string name)
    {
        var metadata = new Metadata();

        MetadataEncoding.AddFromHeader(metadata, name, "v");

        Assert.Empty(metadata);
    }

    [Fact]
    public void Malformed_base64_is_dropped()
    {
        var metadata = new Metadata();

        MetadataEncoding.AddFromHeader(metadata, "x-data-bin", "not base64!");

        Assert.Empty(metadata);
    }
}
