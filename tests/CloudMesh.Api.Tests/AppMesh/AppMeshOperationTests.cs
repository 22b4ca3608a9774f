using CloudMesh.Api.AppMesh;
using CloudMesh.Api.Core.Resources;
using Xunit;

namespace CloudMesh.Api.Tests.AppMesh;

public sealed class AppMeshOperationTests
{
    [Fact]
    public void All_38_operations_are_classified_as_five_verbs_on_seven_kinds_plus_three_tag_operations()
    {
        Assert.Equal(38, AppMeshOperation.All.Count);
        foreach (var kind in ResourceKinds.All)
        {
            foreach (var verb in new[] { OperationVerb.Create, OperationVerb.Describe, OperationVerb.Update, OperationVerb.Delete, OperationVerb.List })
            {
                Assert.Single(AppMeshOperation.All, o => o.Kind == kind && o.Verb == verb);
            }
        }

        Assert.Equal(
            [OperationVerb.TagResource, OperationVerb.UntagResource, OperationVerb.ListTagsForResource],
            AppMeshOperation.All.Where(o => o.Kind is null).Select(o => o.Verb).Order());
    }

    [Theory]
    [InlineData("ListMeshes", OperationVerb.List, "mesh")]
    [InlineData("CreateGatewayRoute", OperationVerb.Create, "gatewayRoute")]
    [InlineData("DescribeRoute", OperationVerb.Describe, "route")]
    [InlineData("ListVirtualServices", OperationVerb.List, "virtualService")]
    public void Names_map_to_verb_and_kind(string name, OperationVerb verb, string kind)
    {
        var operation = Assert.Single(AppMeshOperation.All, o => o.Name == name);

        Assert.Equal(verb, operation.Verb);
        Assert.Equal(kind, operation.Kind!.Name);
    }
}
