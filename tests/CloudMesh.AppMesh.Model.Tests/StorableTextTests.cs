using System.Text;

namespace CloudMesh.AppMesh.Model.Tests;

/// <summary>Text that is not Unicode, or that PostgreSQL cannot store, is a validation error (found by the fuzzer as 500s).</summary>
public sealed class StorableTextTests
{
    private static BindResult BindCreateMesh(string body) => RequestBinder.Bind(
        ServiceModel.AppMesh.Operations["CreateMesh"], new Dictionary<string, string>(), [], _ => null, Encoding.UTF8.GetBytes(body));

    [Theory]
    [InlineData("""{"meshName":"a\ud800b"}""", "meshName", "unpaired surrogate")]
    [InlineData("""{"meshName":"a\udc00"}""", "meshName", "unpaired surrogate")]
    [InlineData("""{"meshName":"a\u0000b"}""", "meshName", "NUL")]
    [InlineData("""{"meshName":"m","tags":[{"key":"k","value":"\ud800"}]}""", "tags[0].value", "unpaired surrogate")]
    [InlineData("""{"meshName":"m","clientToken":"x\u0000"}""", "clientToken", "NUL")]
    public void Refuses_text_that_is_not_storable(string body, string path, string reason)
    {
        var result = BindCreateMesh(body);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_paired_surrogates()
    {
        var result = BindCreateMesh("""{"meshName":"mesh-\ud83d\ude00"}""");

        Assert.True(result.Succeeded, result.ErrorMessage);
    }

    [Fact]
    public void Refuses_nul_in_a_query_member_too()
    {
        var result = RequestBinder.Bind(ServiceModel.AppMesh.Operations["ListTagsForResource"], new Dictionary<string, string>(),
            [KeyValuePair.Create("resourceArn", "arn:aws:appmesh:us-east-1:123456789012:mesh/a\0")], _ => null, []);

        Assert.Equal("resourceArn", Assert.Single(result.Errors).Path);
    }
}
