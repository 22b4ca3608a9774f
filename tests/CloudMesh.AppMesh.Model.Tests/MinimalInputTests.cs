using System.Text;
using System.Text.Json.Nodes;

namespace CloudMesh.AppMesh.Model.Tests;

/// <summary>
/// For every operation: the smallest input the model allows is accepted (the validator rejects nothing valid), and
/// removing any required member from it is reported at that member's path.
/// </summary>
public sealed class MinimalInputTests
{
    public static TheoryData<string> Operations() => new(ServiceModel.AppMesh.Operations.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Operations))]
    public void Minimal_input_is_valid(string operation)
    {
        var input = ServiceModel.AppMesh.Operations[operation].Input;
        Assert.Empty(InputValidator.Validate(input, MinimalValue.Build(input)));
    }

    public static TheoryData<string> OperationsWithRequiredInput() =>
        new(ServiceModel.AppMesh.Operations.Values.Where(o => o.Input.Required.Count > 0).Select(o => o.Name).Order(StringComparer.Ordinal));

    [Fact]
    public void Only_ListMeshes_has_no_required_input()
    {
        Assert.Equal(37, OperationsWithRequiredInput().Count);
        Assert.Empty(ServiceModel.AppMesh.Operations["ListMeshes"].Input.Required);
    }

    [Theory]
    [MemberData(nameof(OperationsWithRequiredInput))]
    public void Removing_each_required_member_is_reported_at_its_path(string operation)
    {
        var input = ServiceModel.AppMesh.Operations[operation].Input;
        var paths = MinimalValue.RequiredPaths(input, MinimalValue.Build(input)).ToList();
        Assert.NotEmpty(paths);
        foreach (var path in paths)
        {
            var value = MinimalValue.Build(input);
            MinimalValue.Remove(value, path);
            var errors = InputValidator.Validate(input, value);
            Assert.Equal([new ValidationError(path, $"Missing required member '{path}'")], errors);
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Minimal_input_binds_from_route_query_and_body(string operation)
    {
        var op = ServiceModel.AppMesh.Operations[operation];
        var value = MinimalValue.Build(op.Input).AsObject();
        var route = new Dictionary<string, string>();
        var query = new List<KeyValuePair<string, string>>();
        var body = new JsonObject();
        foreach (var (name, node) in value)
        {
            var member = op.Input.GetMember(name);
            switch (member.Location)
            {
                case "uri":
                    Assert.Contains("{" + member.LocationName + "}", op.RequestUri, StringComparison.Ordinal);
                    route[member.LocationName] = node!.GetValue<string>();
                    break;
                case "querystring":
                    query.Add(new(member.LocationName, node!.ToString()));
                    break;
                default:
                    body[name] = node!.DeepClone();
                    break;
            }
        }

        var result = RequestBinder.Bind(op, route, query, _ => null, Encoding.UTF8.GetBytes(body.ToJsonString()));

        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.True(JsonNode.DeepEquals(value, result.Input), result.Input.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Minimal_output_conforms_after_shaping(string operation)
    {
        var op = ServiceModel.AppMesh.Operations[operation];
        var output = MinimalValue.Build(op.Output!).AsObject();
        Assert.Empty(OutputValidator.Validate(op.Output!, output));
        var shaped = OutputShaper.Shape(op.Output!, output);
        Assert.Empty(OutputValidator.ValidateBody(op, JsonNode.Parse(shaped.Body!.ToJsonString())));
    }
}
