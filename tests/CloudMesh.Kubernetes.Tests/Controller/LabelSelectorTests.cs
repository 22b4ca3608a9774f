using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Controller;
using Xunit;

namespace CloudMesh.Kubernetes.Tests.Controller;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "color", ["version"] = "blue" };

    [Theory]
    [InlineData("""{}""", true)]
    [InlineData("""{"matchLabels": {"app": "color"}}""", true)]
    [InlineData("""{"matchLabels": {"app": "color", "version": "red"}}""", false)]
    [InlineData("""{"matchExpressions": [{"key": "version", "operator": "In", "values": ["blue", "green"]}]}""", true)]
    [InlineData("""{"matchExpressions": [{"key": "version", "operator": "NotIn", "values": ["blue"]}]}""", false)]
    [InlineData("""{"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["db"]}]}""", true)]
    [InlineData("""{"matchExpressions": [{"key": "app", "operator": "Exists"}]}""", true)]
    [InlineData("""{"matchExpressions": [{"key": "app", "operator": "DoesNotExist"}]}""", false)]
    [InlineData("""{"matchLabels": {"app": "color"}, "matchExpressions": [{"key": "tier", "operator": "Exists"}]}""", false)]
    public void Matches_as_metav1_label_selectors_do(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Matches(JsonNode.Parse(selector), Labels));

    [Fact]
    public void An_absent_selector_selects_nothing() => Assert.False(LabelSelector.Matches(null, Labels));
}
