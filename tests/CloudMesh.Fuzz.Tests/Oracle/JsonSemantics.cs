using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMesh.Fuzz.Tests.Oracle;

/// <summary>
/// JSON equality as jsonb sees it: object member order does not matter and numbers compare by value (jsonb
/// stores <c>1E2</c> as <c>100</c>), everything else exactly.
/// </summary>
internal static class JsonSemantics
{
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        switch (a)
        {
            case JsonObject objA when b is JsonObject objB:
                return objA.Count == objB.Count && objA.All(p => objB.TryGetPropertyValue(p.Key, out var other) && Equal(p.Value, other));
            case JsonArray arrA when b is JsonArray arrB:
                return arrA.Count == arrB.Count && arrA.Zip(arrB).All(p => Equal(p.First, p.Second));
            case JsonValue valA when b is JsonValue valB:
                var kind = valA.GetValueKind();
                if (kind != valB.GetValueKind())
                {
                    return false;
                }

                return kind switch
                {
                    JsonValueKind.Number => SameNumber(valA.ToJsonString(), valB.ToJsonString()),
                    JsonValueKind.String => valA.GetValue<string>() == valB.GetValue<string>(),
                    _ => true,
                };
            default:
                return false;
        }
    }

    private static bool SameNumber(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        if (decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var da)
            && decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var db))
        {
            return da == db;
        }

        return double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var fa)
            && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var fb)
            && fa.Equals(fb);
    }
}
