using System.Text.Json;

namespace CloudMesh.ControlPlane.Compiler.Specs;

/// <summary>
/// Tolerant readers over App Mesh wire JSON. The API validated every spec before storing it, so these
/// never throw: a member that is absent, null or of an unexpected kind reads as "not set".
/// </summary>
internal static class SpecJson
{
    public static JsonElement? Object(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    public static string? String(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static long? Long(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt64(out var number)
            ? number
            : null;

    public static int? Int(this JsonElement element, string name)
    {
        var value = element.Long(name);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value.Value : null;
    }

    public static bool? Bool(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            }
            : null;

    /// <summary>The array member's object items (anything else in the array is skipped).</summary>
    public static IEnumerable<JsonElement> Objects(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty(name, out var array)
            || array.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                yield return item;
            }
        }
    }

    /// <summary>The array member's string items.</summary>
    public static IReadOnlyList<string> Strings(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty(name, out var array)
            || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var result = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                result.Add(item.GetString()!);
            }
        }

        return result;
    }

    /// <summary>The array member's integer items.</summary>
    public static IReadOnlyList<int> Ints(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty(name, out var array)
            || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var result = new List<int>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var number))
            {
                result.Add(number);
            }
        }

        return result;
    }

    /// <summary>
    /// An App Mesh <c>Duration</c> ({"unit": "s"|"ms", "value": n}) in milliseconds; null when either
    /// member is missing, since the model gives no default unit and guessing one could be off by 1000×.
    /// </summary>
    public static long? DurationMillis(this JsonElement element, string name)
    {
        if (element.Object(name) is not { } duration || duration.Long("value") is not { } value || value < 0)
        {
            return null;
        }

        return duration.String("unit") switch
        {
            "ms" => value,
            "s" => value > long.MaxValue / 1000 ? long.MaxValue : value * 1000,
            _ => null,
        };
    }
}
