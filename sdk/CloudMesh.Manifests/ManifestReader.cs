using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMesh.Manifests;

/// <summary>
/// Reads members of one manifest document and records what is wrong with them, at the member's position. Shared by
/// the native and the Kubernetes readers so both word their errors alike.
/// </summary>
internal sealed class ManifestReader(SourceMap sourceMap, List<ManifestError> errors)
{
    internal SourceMap SourceMap => sourceMap;

    internal void Error(SourceLocation location, string message) => errors.Add(new ManifestError(location, message));

    /// <summary>Where <paramref name="name"/> of <paramref name="owner"/> is written, or the owner, or <paramref name="fallback"/>.</summary>
    internal SourceLocation Locate(JsonObject owner, string name, SourceLocation fallback) =>
        sourceMap.Locate(owner, name, fallback);

    /// <summary>Where <paramref name="node"/> is written, or <paramref name="fallback"/>.</summary>
    internal SourceLocation Locate(JsonNode? node, SourceLocation fallback) => sourceMap.NodeLocation(node) ?? fallback;

    /// <summary>Reports every member of <paramref name="owner"/> not in <paramref name="allowed"/>.</summary>
    internal void RejectUnknownKeys(JsonObject owner, IReadOnlyCollection<string> allowed, string where, SourceLocation fallback)
    {
        foreach (var (name, _) in owner)
        {
            if (!allowed.Contains(name))
            {
                Error(Locate(owner, name, fallback), $"unknown key '{name}' in {where}; expected one of: {string.Join(", ", allowed)}");
            }
        }
    }

    /// <summary>A required non-empty string member; reports and returns null when missing or not a string.</summary>
    internal string? RequiredString(JsonObject owner, string name, string what, SourceLocation fallback)
    {
        var value = OptionalString(owner, name, what, fallback);
        if (value is null && (!owner.TryGetPropertyValue(name, out var node) || node is null))
        {
            Error(Locate(owner, name, fallback), $"{what}: '{name}' is required");
        }
        else if (value is { Length: 0 })
        {
            Error(Locate(owner, name, fallback), $"{what}: '{name}' must not be empty");
            return null;
        }

        return value;
    }

    /// <summary>An optional string member; reports a value that is not a string.</summary>
    internal string? OptionalString(JsonObject owner, string name, string what, SourceLocation fallback)
    {
        if (!owner.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        Error(Locate(owner, name, fallback), $"{what}: '{name}' must be a string");
        return null;
    }

    /// <summary>An optional mapping member; reports a value that is not a mapping.</summary>
    internal JsonObject? OptionalMapping(JsonObject owner, string name, string what, SourceLocation fallback) =>
        Optional<JsonObject>(owner, name, what, fallback, "a mapping");

    /// <summary>An optional sequence member; reports a value that is not a sequence.</summary>
    internal JsonArray? OptionalSequence(JsonObject owner, string name, string what, SourceLocation fallback) =>
        Optional<JsonArray>(owner, name, what, fallback, "a sequence");

    private T? Optional<T>(JsonObject owner, string name, string what, SourceLocation fallback, string expected)
        where T : JsonNode
    {
        if (!owner.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is T typed)
        {
            return typed;
        }

        Error(Locate(owner, name, fallback), $"{what}: '{name}' must be {expected}");
        return null;
    }

    /// <summary>
    /// Reads a tags mapping (<c>{key: value}</c>) into tags and their positions; scalar values are taken as text,
    /// a null value as the empty string (App Mesh tag values are optional).
    /// </summary>
    internal (Dictionary<string, string>? Tags, Dictionary<string, SourceLocation> Locations) Tags(
        JsonObject owner, string name, string what, SourceLocation fallback)
    {
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        if (OptionalMapping(owner, name, what, fallback) is not { } mapping)
        {
            return (null, locations);
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, node) in mapping)
        {
            var location = Locate(mapping, key, fallback);
            locations[key] = location;
            switch (node)
            {
                case null:
                    tags[key] = "";
                    break;
                case JsonValue value:
                    tags[key] = value.GetValueKind() == JsonValueKind.String
                        ? value.GetValue<string>()
                        : value.ToJsonString();
                    break;
                default:
                    Error(location, $"{what}: tag '{key}' must have a scalar value");
                    break;
            }
        }

        return (tags, locations);
    }
}
