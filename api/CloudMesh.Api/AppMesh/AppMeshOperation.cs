using CloudMesh.Api.Core.Resources;
using CloudMesh.AppMesh.Model;

namespace CloudMesh.Api.AppMesh;

/// <summary>
/// An App Mesh operation from the service model, classified as a verb on a resource kind. The 38 operations are
/// derived from the model (not hand-listed), so routing, binding and validation cannot drift from it.
/// </summary>
/// <param name="Model">The operation as the model describes it.</param>
/// <param name="Verb">What it does.</param>
/// <param name="Kind">The resource kind it acts on; null for the tag operations.</param>
public sealed record AppMeshOperation(OperationModel Model, OperationVerb Verb, ResourceKind? Kind)
{
    private static readonly string[] Verbs = ["Create", "Describe", "Update", "Delete", "List"];

    /// <summary>Every operation of the model, classified.</summary>
    public static IReadOnlyList<AppMeshOperation> All { get; } = ServiceModel.AppMesh.Operations.Values
        .OrderBy(o => o.Name, StringComparer.Ordinal)
        .Select(Classify)
        .ToArray();

    /// <summary>The operation's name (<c>CreateVirtualNode</c>).</summary>
    public string Name => Model.Name;

    private static AppMeshOperation Classify(OperationModel model)
    {
        if (Enum.TryParse<OperationVerb>(model.Name, out var tagVerb) && tagVerb >= OperationVerb.TagResource)
        {
            return new AppMeshOperation(model, tagVerb, null);
        }

        foreach (var verb in Verbs)
        {
            if (model.Name.StartsWith(verb, StringComparison.Ordinal)
                && ResourceKinds.FindByTypeName(model.Name[verb.Length..]) is { } kind)
            {
                return new AppMeshOperation(model, Enum.Parse<OperationVerb>(verb), kind);
            }
        }

        throw new InvalidOperationException($"The App Mesh model's operation '{model.Name}' is not one CloudMesh knows how to serve.");
    }
}
