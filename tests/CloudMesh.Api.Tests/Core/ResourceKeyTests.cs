using CloudMesh.Api.Core.Resources;
using Xunit;

namespace CloudMesh.Api.Tests.Core;

public sealed class ResourceKeyTests
{
    [Fact]
    public void ToString_describes_the_key_instead_of_recursing_through_its_mesh_key()
    {
        // The record's generated ToString printed MeshKey, a key whose MeshKey it printed next: a stack overflow.
        Assert.Equal("route 'split' of virtualRouter 'colors' in mesh 'demo'", new ResourceKey(ResourceKinds.Route, "demo", "colors", "split").ToString());
        Assert.Equal("mesh 'demo'", ResourceKey.ForMesh("demo").ToString());
    }
}
