using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Errors;
using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Api.AppMesh;

/// <summary>Reads members of a bound, already validated operation input.</summary>
public static class InputMembers
{
    /// <summary>A string member, or null when absent.</summary>
    public static string? String(JsonObject input, string name) =>
        input[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A required string member (the validator has enforced presence).</summary>
    public static string Required(JsonObject input, string name) =>
        String(input, name) ?? throw AppMeshException.BadRequest($"{name}: a value is required.");

    /// <summary>An integer member, or null when absent.</summary>
    public static int? Int(JsonObject input, string name)
    {
        if (input[name] is not JsonValue value)
        {
            return null;
        }

        // The binder may hold the number as any CLR numeric type or as a JsonElement; the validator has checked its range.
        if (value.TryGetValue<int>(out var n))
        {
            return n;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return checked((int)l);
        }

        return value.TryGetValue<System.Text.Json.JsonElement>(out var e) && e.TryGetInt32(out n) ? n : null;
    }

    /// <summary>The key of the resource an operation on <paramref name="kind"/> names.</summary>
    public static ResourceKey KeyOf(ResourceKind kind, JsonObject input)
    {
        var mesh = Required(input, "meshName");
        if (kind.IsMesh)
        {
            return ResourceKey.ForMesh(mesh);
        }

        var parent = kind.Parent is { } p ? Required(input, p.NameMember) : "";
        return new ResourceKey(kind, mesh, parent, Required(input, kind.NameMember));
    }

    /// <summary>
    /// The tags of a create request as a normalized <c>[{"key","value"}]</c> array; duplicate keys are refused
    /// because App Mesh keeps one value per key.
    /// </summary>
    public static JsonArray Tags(JsonNode? tags, string path = "tags")
    {
        var result = new JsonArray();
        if (tags is not JsonArray list)
        {
            return result;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var key = list[i]?["key"]?.GetValue<string>() ?? "";
            var value = list[i]?["value"]?.GetValue<string>() ?? "";
            if (!seen.Add(key))
            {
                throw AppMeshException.BadRequest($"{path}[{i}].key: the tag key '{key}' appears more than once.");
            }

            result.Add(new JsonObject { ["key"] = key, ["value"] = value });
        }

        return result;
    }
}
