using System.Collections.Generic;
using System.Linq;
using CloudMesh.Sdk.Generator.Model;

namespace CloudMesh.Sdk.Generator.Emit;

/// <summary>
/// Which operations page, derived from the model as botocore's paginators.json would say: the input has a
/// <c>nextToken</c>, and the output has a <c>nextToken</c> and exactly one list member (the result key).
/// </summary>
internal sealed class Pagination
{
    private Pagination(Operation operation, Member resultKey)
    {
        Operation = operation;
        ResultKey = resultKey;
    }

    public Operation Operation { get; }
    public Member ResultKey { get; }

    public static IReadOnlyList<Pagination> Find(ServiceModel model)
    {
        var result = new List<Pagination>();
        foreach (var operation in model.Operations)
        {
            var lists = operation.Output.Members.Where(m => m.Shape.Kind == ShapeKind.List).ToList();
            if (operation.Input.Members.Any(m => m.Name == "nextToken") &&
                operation.Output.Members.Any(m => m.Name == "nextToken") &&
                lists.Count == 1)
            {
                result.Add(new Pagination(operation, lists[0]));
            }
        }

        return result;
    }
}
