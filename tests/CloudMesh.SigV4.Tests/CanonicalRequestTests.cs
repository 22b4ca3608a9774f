using CloudMesh.SigV4.Internal;

namespace CloudMesh.SigV4.Tests;

/// <summary>Canonicalisation edge cases, checked against the exact text botocore's SigV4Auth produces.</summary>
public sealed class CanonicalRequestTests
{
    [Theory]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("//", "/")]
    [InlineData("/a//b/", "/a/b/")]
    [InlineData("/a/./b/../c", "/a/c")]
    [InlineData("/a/b/..", "/a")]
    [InlineData("/..", "/")]
    [InlineData("/a/../", "/")]
    // Already-encoded input is encoded again (botocore: quote(path, safe='/~')).
    [InlineData("/my%20mesh", "/my%2520mesh")]
    [InlineData("/a%2Fb", "/a%252Fb")]
    [InlineData("/caf%C3%A9", "/caf%25C3%25A9")]
    [InlineData("/-_.~", "/-_.~")]
    [InlineData("/a:b@c!$'()*+,;=", "/a%3Ab%40c%21%24%27%28%29%2A%2B%2C%3B%3D")]
    [InlineData("/café", "/caf%C3%A9")]
    [InlineData("/v20190125/meshes/my-mesh/virtualNodes", "/v20190125/meshes/my-mesh/virtualNodes")]
    public void Path_is_normalised_and_encoded_as_botocore_does(string rawPath, string expected)
    {
        Assert.Equal(expected, Canonical((ref ByteBuilder b) => CanonicalRequest.WritePath(ref b, rawPath)));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("b=2&a=1", "a=1&b=2")]
    [InlineData("a=2&a=1&a=", "a=&a=1&a=2")]
    [InlineData("c&a=", "a=&c=")]
    [InlineData("a=1&&b=2&", "a=1&b=2")]
    [InlineData("nextToken=abc%2Fdef&limit=5", "limit=5&nextToken=abc%2Fdef")]
    // Decoded then re-encoded: lower-case escapes, over-encoded unreserved characters and raw reserved ones all canonicalise.
    [InlineData("q=abc%2fdef", "q=abc%2Fdef")]
    [InlineData("q=%7E%41", "q=~A")]
    [InlineData("q=a b/c", "q=a%20b%2Fc")]
    [InlineData("q=a+b", "q=a%2Bb")]
    [InlineData("q=%zz", "q=%25zz")]
    [InlineData("q=%E2%9C%93&%24x=1", "%24x=1&q=%E2%9C%93")]
    // Sorted by encoded name, then encoded value, ordinally (upper-case before lower-case).
    [InlineData("b=1&B=1&a-b=1&a=1", "B=1&a=1&a-b=1&b=1")]
    [InlineData("a=b=c", "a=b%3Dc")]
    public void Query_is_decoded_reencoded_and_sorted(string rawQuery, string expected)
    {
        Assert.Equal(expected, Canonical((ref ByteBuilder b) => CanonicalRequest.WriteQuery(ref b, rawQuery, excludeSignature: false)));
    }

    [Fact]
    public void Presigned_query_leaves_out_only_the_signature_parameter()
    {
        string canonical = Canonical((ref ByteBuilder b) => CanonicalRequest.WriteQuery(
            ref b, "X-Amz-Signature=abc&b=1&X-Amz-Date=20250102T030405Z&x-amz-signature=keep", excludeSignature: true));
        Assert.Equal("X-Amz-Date=20250102T030405Z&b=1&x-amz-signature=keep", canonical);
    }

    [Fact]
    public void Headers_are_lowercased_trimmed_collapsed_and_repeats_joined_with_commas()
    {
        KeyValuePair<string, string>[] headers =
        [
            new("Host", "example.test"),
            new("X-Multi", "  first   value "),
            new("x-multi", "second"),
            new("X-Tabs", "\ta\t\tb\u001fc "),
            new("X-Empty", "   "),
            new("X-Unsigned", "ignored"),
        ];
        string canonical = Canonical((ref ByteBuilder b) => CanonicalRequest.WriteHeaders(ref b, headers, "host;x-empty;x-multi;x-tabs"));
        Assert.Equal("host:example.test\nx-empty:\nx-multi:first value,second\nx-tabs:a b c\n", canonical);
    }

    [Fact]
    public void Whole_canonical_request_has_botocore_layout()
    {
        KeyValuePair<string, string>[] headers = [new("Host", "h.test"), new("X-Amz-Date", "20250102T030405Z")];
        string canonical = CanonicalRequest.Build(new CanonicalRequestParts
        {
            Method = "get",
            RawPath = "/v20190125/meshes/my%20mesh",
            RawQuery = "limit=5",
            ExcludeSignatureParameter = false,
            Headers = headers,
            SignedHeaders = "host;x-amz-date",
            PayloadHash = SigV4Request.EmptyPayloadHash,
        });
        Assert.Equal(
            "GET\n/v20190125/meshes/my%2520mesh\nlimit=5\nhost:h.test\nx-amz-date:20250102T030405Z\n\nhost;x-amz-date\n" +
            SigV4Request.EmptyPayloadHash,
            canonical);
    }

    [Fact]
    public void Large_queries_and_deep_paths_spill_from_the_stack_to_pooled_buffers()
    {
        string query = string.Join('&', Enumerable.Range(0, 300).Reverse().Select(i => $"p{i:D3}=v"));
        string expectedQuery = string.Join('&', Enumerable.Range(0, 300).Select(i => $"p{i:D3}=v"));
        Assert.Equal(expectedQuery, Canonical((ref ByteBuilder b) => CanonicalRequest.WriteQuery(ref b, query, excludeSignature: false)));

        string path = string.Concat(Enumerable.Repeat("/seg", 200));
        Assert.Equal(path, Canonical((ref ByteBuilder b) => CanonicalRequest.WritePath(ref b, path)));
    }

    [Fact]
    public void Payload_hash_helper_is_lowercase_sha256()
    {
        Assert.Equal(SigV4Request.EmptyPayloadHash, SigV4Request.HashPayload([]));
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", SigV4Request.HashPayload("hello"u8));
    }

    private delegate void Writer(ref ByteBuilder builder);

    private static string Canonical(Writer write)
    {
        var builder = new ByteBuilder(16);
        try
        {
            write(ref builder);
            return builder.ToString();
        }
        finally
        {
            builder.Dispose();
        }
    }
}
