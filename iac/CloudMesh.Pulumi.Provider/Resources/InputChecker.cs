using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.AppMesh.Model;
using CloudMesh.Pulumi.Provider.Properties;
using Pulumirpc;

namespace CloudMesh.Pulumi.Provider.Resources;

/// <summary>
/// Check for resources: fills an absent <c>name</c> and validates the inputs exactly as the API will, by building the
/// equivalent <c>CreateXxx</c> input and running the model's <see cref="InputValidator"/> and <see cref="SpecRules"/>
/// on it (as the CLI's manifest validator does). Each failure names the Pulumi property path it concerns. Values not
/// known yet (previews) are not judged.
/// </summary>
internal static class InputChecker
{
    /// <summary>Returns the checked inputs (the news plus a name) and the failures.</summary>
    /// <param name="kind">The resource's kind.</param>
    /// <param name="resourceName">The Pulumi resource name (the auto-name's stem).</param>
    /// <param name="olds">The old inputs (empty for a create, and for the engine's re-check before a replacement).</param>
    /// <param name="news">The new inputs.</param>
    /// <param name="randomSeed">The engine's random seed for this resource.</param>
    /// <param name="autonaming">The stack's autonaming configuration for this resource, when it has one.</param>
    public static (JsonObject Inputs, IReadOnlyList<CheckFailure> Failures) Check(
        ResourceKind kind, string resourceName, JsonObject olds, JsonObject news, ReadOnlySpan<byte> randomSeed,
        CheckRequest.Types.AutonamingOptions? autonaming = null)
    {
        var inputs = (JsonObject)news.DeepClone();
        var failures = new List<CheckFailure>();
        if (inputs["name"] is null)
        {
            // Keep an earlier name: a new one on every update would replace the resource each time (the engine sends a
            // fresh random seed, and a fresh proposed name, on every deployment).
            if (olds["name"] is JsonValue old && old.TryGetValue<string>(out var previous))
            {
                inputs["name"] = previous;
            }
            else if (AutoNameFor(resourceName, randomSeed, autonaming, failures) is { } name)
            {
                inputs["name"] = name;
            }
        }

        var known = ResourceTypes.InputProperties(kind);
        foreach (var (property, _) in inputs)
        {
            if (!known.Contains(property))
            {
                failures.Add(Failure(property, $"unknown property; a {ResourceTypes.Token(kind)} takes {string.Join(", ", known)}"));
            }
        }

        var tagKeys = TagKeys(inputs["tags"], failures);
        var unknowns = UnknownPaths(inputs, "");
        var createInput = CreateInput(kind, inputs, tagKeys);
        var operation = ServiceModel.AppMesh.Operations["Create" + kind.TypeName];
        // A name refused by the autonaming configuration is reported once, not again as "required".
        var nameFailed = failures.Any(f => f.Property == "name");
        foreach (var error in InputValidator.Validate(operation.Input, createInput, maxErrors: 100))
        {
            var property = PropertyOf(kind, error.Path, tagKeys);
            if (!(nameFailed && property == "name") && !unknowns.Any(u => PropertyPath.IsWithin(property, u)))
            {
                failures.Add(Failure(property, error.Message));
            }
        }

        if (!PropertyValues.ContainsUnknown(inputs["spec"]))
        {
            foreach (var violation in SpecRules.Check(kind, inputs["spec"] as JsonObject))
            {
                // SpecRules words each violation as "<path>: <message>".
                var separator = violation.IndexOf(": ", StringComparison.Ordinal);
                failures.Add(separator > 0 ? Failure(violation[..separator], violation[(separator + 2)..]) : Failure("spec", violation));
            }
        }

        return (inputs, failures);
    }

    /// <summary>
    /// The name of a resource declared without one: the engine's proposed name when the stack configures autonaming
    /// (<c>pulumi:autonaming</c>; PROPOSE and ENFORCE alike, since the name is used exactly as proposed), none and a
    /// failure when it disables autonaming, else the Pulumi name plus a random suffix.
    /// </summary>
    private static string? AutoNameFor(string resourceName, ReadOnlySpan<byte> randomSeed, CheckRequest.Types.AutonamingOptions? autonaming, List<CheckFailure> failures)
    {
        switch (autonaming?.Mode)
        {
            case CheckRequest.Types.AutonamingOptions.Types.Mode.Disable:
                failures.Add(Failure("name", "automatic naming is disabled for this resource (pulumi:autonaming); set name explicitly"));
                return null;
            case not null when autonaming.ProposedName.Length > 0:
                return autonaming.ProposedName;
            default:
                return AutoName.For(resourceName, randomSeed);
        }
    }

    /// <summary>The API input: names under the API's members, tags as the API's list of key/value pairs.</summary>
    private static JsonObject CreateInput(ResourceKind kind, JsonObject inputs, IReadOnlyList<string> tagKeys)
    {
        var input = new JsonObject();
        foreach (var (property, value) in inputs)
        {
            switch (property)
            {
                case "name":
                    input[kind.NameMember] = value?.DeepClone();
                    break;
                case "tags":
                    input["tags"] = value is JsonObject tags
                        ? new JsonArray([.. tagKeys.Select(k => (JsonNode)new JsonObject { ["key"] = k, ["value"] = tags[k]?.DeepClone() })])
                        : null;
                    break;
                default:
                    if (ResourceTypes.InputProperties(kind).Contains(property))
                    {
                        input[property] = value?.DeepClone();
                    }

                    break;
            }
        }

        return input;
    }

    /// <summary>The tag keys in order; a <c>tags</c> that is not a map is a failure here.</summary>
    private static List<string> TagKeys(JsonNode? tags, List<CheckFailure> failures)
    {
        switch (tags)
        {
            case null:
                return [];
            case var unknown when PropertyValues.IsUnknown(unknown):
                return [];
            case JsonObject map:
                // Values are judged by the model (tags[i].value), reported at tags.<key>.
                return [.. map.Select(p => p.Key)];
            default:
                failures.Add(Failure("tags", "expected a map of strings"));
                return [];
        }
    }

    /// <summary>Maps a path in the API input back to the Pulumi property: the kind's name member to <c>name</c>, <c>tags[i]</c> to the i-th key.</summary>
    private static string PropertyOf(ResourceKind kind, string path, IReadOnlyList<string> tagKeys)
    {
        if (PropertyPath.IsWithin(path, kind.NameMember))
        {
            return "name" + path[kind.NameMember.Length..];
        }

        if (path.StartsWith("tags[", StringComparison.Ordinal))
        {
            var end = path.IndexOf(']', StringComparison.Ordinal);
            if (end > 5 && int.TryParse(path.AsSpan(5, end - 5), out var index) && index < tagKeys.Count)
            {
                return PropertyPath.Key("tags", tagKeys[index]);
            }
        }

        return path.Length == 0 ? "name" : path;
    }

    private static List<string> UnknownPaths(JsonNode? node, string path)
    {
        var paths = new List<string>();
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    paths.AddRange(UnknownPaths(value, PropertyPath.Key(path, key)));
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    paths.AddRange(UnknownPaths(a[i], PropertyPath.Index(path, i)));
                }

                break;
            default:
                if (PropertyValues.IsUnknown(node))
                {
                    paths.Add(path);
                }

                break;
        }

        return paths;
    }

    private static CheckFailure Failure(string property, string reason) => new() { Property = property, Reason = reason };
}
