using System.Text.Json.Nodes;
using CloudMesh.Api.AppMesh;
using Xunit;

namespace CloudMesh.Api.Tests.AppMesh;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Member_order_does_not_change_the_hash() =>
        Assert.Equal(
            CanonicalJson.Hash(JsonNode.Parse("""{"a":1,"b":{"y":[1,2],"x":"s"}}""")),
            CanonicalJson.Hash(JsonNode.Parse("""{"b":{"x":"s","y":[1,2]},"a":1}""")));

    [Theory]
    [InlineData("""{"a":1}""", """{"a":2}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""")]
    [InlineData("""{"a":"1"}""", """{"a":1}""")]
    [InlineData("""{"a":{}}""", """{"a":null}""")]
    public void Different_values_give_different_hashes(string left, string right) =>
        Assert.NotEqual(CanonicalJson.Hash(JsonNode.Parse(left)), CanonicalJson.Hash(JsonNode.Parse(right)));

    [Fact]
    public void The_excepted_top_level_member_does_not_count_but_nested_ones_do()
    {
        var withToken = JsonNode.Parse("""{"a":1,"clientToken":"x","spec":{"clientToken":"y"}}""");
        var otherToken = JsonNode.Parse("""{"a":1,"clientToken":"z","spec":{"clientToken":"y"}}""");
        var otherNested = JsonNode.Parse("""{"a":1,"clientToken":"x","spec":{"clientToken":"q"}}""");

        Assert.Equal(CanonicalJson.Hash(withToken, except: "clientToken"), CanonicalJson.Hash(otherToken, except: "clientToken"));
        Assert.NotEqual(CanonicalJson.Hash(withToken, except: "clientToken"), CanonicalJson.Hash(otherNested, except: "clientToken"));
        Assert.NotEqual(CanonicalJson.Hash(withToken), CanonicalJson.Hash(otherToken));
    }
}
