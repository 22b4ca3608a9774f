using CloudMesh.ControlPlane.Compiler.Specs;

namespace CloudMesh.ControlPlane.Compiler.Tests.Translation;

public sealed class PriorityOrderTests
{
    private sealed record Item(string Name, int? Priority) : IPrioritized;

    [Fact]
    public void Lower_numbers_first_then_unprioritized_then_by_name()
    {
        var items = new List<Item>
        {
            new("z", null),
            new("b", 10),
            new("a", null),
            new("c", 0),
            new("a10", 10),
            new("m", 1000),
        };

        items.Sort(PriorityOrder.Instance);

        Assert.Equal(["c", "a10", "b", "m", "a", "z"], items.Select(i => i.Name));
    }

    [Fact]
    public void Names_compare_ordinally_not_by_culture()
    {
        var items = new List<Item> { new("b", 1), new("B", 1), new("a", 1) };

        items.Sort(PriorityOrder.Instance);

        Assert.Equal(["B", "a", "b"], items.Select(i => i.Name));
    }
}
