using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.AppMesh.Model;

namespace CloudMesh.Manifests;

/// <summary>
/// Validates a resource offline exactly as the API will: its <c>CreateXxx</c> input (names, spec, tags) against the
/// App Mesh model with <see cref="InputValidator"/>, plus the rules the model cannot express (<see cref="SpecRules"/>).
/// Each error is placed at the member it concerns.
/// </summary>
internal static class ResourceValidator
{
    internal static void Validate(DesiredResource resource, List<ManifestError> errors)
    {
        var id = resource.Id;
        var operation = ServiceModel.AppMesh.Operations["Create" + id.Kind.TypeName];
        var tagKeys = resource.Tags?.Keys.ToList() ?? [];
        foreach (var error in InputValidator.Validate(operation.Input, CreateInput(resource, tagKeys)))
        {
            errors.Add(new ManifestError(Locate(resource, error.Path, tagKeys), error.ToString()));
        }

        foreach (var violation in SpecRules.Check(id.Kind, resource.Spec))
        {
            // SpecRules words each violation as "<path>: <message>".
            var separator = violation.IndexOf(": ", StringComparison.Ordinal);
            var path = separator > 0 ? violation[..separator] : "spec";
            errors.Add(new ManifestError(resource.Members.Locate(path), violation));
        }
    }

    private static JsonObject CreateInput(DesiredResource resource, List<string> tagKeys)
    {
        var id = resource.Id;
        var input = new JsonObject { ["meshName"] = id.MeshName, ["spec"] = resource.Spec.DeepClone() };
        if (!id.Kind.IsMesh)
        {
            input[id.Kind.NameMember] = id.Name;
        }

        if (id.Kind.Parent is { } parent)
        {
            input[parent.NameMember] = id.ParentName;
        }

        if (resource.Tags is { } tags)
        {
            input["tags"] = new JsonArray(tagKeys.Select(key => (JsonNode)new JsonObject { ["key"] = key, ["value"] = tags[key] }).ToArray());
        }

        return input;
    }

    /// <summary>Spec paths map through the resource's member map; <c>tags[i]</c> to the i-th tag; names to the resource.</summary>
    private static SourceLocation Locate(DesiredResource resource, string path, List<string> tagKeys)
    {
        if (path == "spec" || path.StartsWith("spec.", StringComparison.Ordinal) || path.StartsWith("spec[", StringComparison.Ordinal))
        {
            return resource.Members.Locate(path);
        }

        if (path.StartsWith("tags[", StringComparison.Ordinal))
        {
            var end = path.IndexOf(']', StringComparison.Ordinal);
            if (end > 5 && int.TryParse(path.AsSpan(5, end - 5), out var index) && index < tagKeys.Count)
            {
                return resource.Members.Locate($"tags.{tagKeys[index]}");
            }
        }

        return resource.Location;
    }
}
