using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMesh.Kubernetes.Tests.Manifests;

/// <summary>
/// Validates an object against a CRD's <c>openAPIV3Schema</c> as the API server does with field validation
/// <c>Strict</c> (kubectl's default since 1.27): types, required, enum, numeric and length bounds, array bounds, and
/// unknown fields under a schema with <c>properties</c> are errors. <c>metadata</c> is the API server's own business.
/// The subset CRD schemas use; no oneOf/anyOf/CEL.
/// </summary>
internal static class StructuralSchemaValidator
{
    internal static List<string> Validate(JsonNode? value, JsonObject schema)
    {
        var errors = new List<string>();
        Check(value, schema, "", errors);
        return errors;
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, List<string> errors)
    {
        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true)
            {
                errors.Add($"{Where(path)}: must not be null");
            }

            return;
        }

        var type = schema["type"]?.GetValue<string>();
        switch (type)
        {
            case "object":
                if (value is not JsonObject obj)
                {
                    errors.Add($"{Where(path)}: must be an object");
                    return;
                }

                foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
                {
                    if (!obj.ContainsKey(required))
                    {
                        errors.Add($"{Where(path)}: '{required}' is required");
                    }
                }

                var properties = schema["properties"] as JsonObject;
                var additional = schema["additionalProperties"] as JsonObject;
                var preserve = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
                foreach (var (name, child) in obj)
                {
                    var childPath = path.Length == 0 ? name : $"{path}.{name}";
                    if (path.Length == 0 && name == "metadata")
                    {
                        continue;
                    }

                    if (properties?[name] is JsonObject childSchema)
                    {
                        Check(child, childSchema, childPath, errors);
                    }
                    else if (additional is not null)
                    {
                        Check(child, additional, childPath, errors);
                    }
                    else if (properties is not null && !preserve)
                    {
                        errors.Add($"{childPath}: unknown field");
                    }
                }

                break;
            case "array":
                if (value is not JsonArray array)
                {
                    errors.Add($"{Where(path)}: must be an array");
                    return;
                }

                Bound(array.Count, schema, "minItems", "maxItems", path, "items", errors);
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], schema["items"]!.AsObject(), $"{path}[{i}]", errors);
                }

                break;
            case "string":
                if (value is not JsonValue s || s.GetValueKind() != JsonValueKind.String)
                {
                    errors.Add($"{Where(path)}: must be a string");
                    return;
                }

                var text = s.GetValue<string>();
                Bound(text.Length, schema, "minLength", "maxLength", path, "characters", errors);
                if (schema["enum"] is JsonArray values && !values.Any(v => v!.GetValue<string>() == text))
                {
                    errors.Add($"{Where(path)}: '{text}' is not one of {string.Join(", ", values.Select(v => v!.GetValue<string>()))}");
                }

                break;
            case "integer" or "number":
                if (value is not JsonValue n || n.GetValueKind() != JsonValueKind.Number)
                {
                    errors.Add($"{Where(path)}: must be a {type}");
                    return;
                }

                var number = double.Parse(n.ToJsonString(), CultureInfo.InvariantCulture);
                if (type == "integer" && number != Math.Floor(number))
                {
                    errors.Add($"{Where(path)}: must be an integer");
                }

                if (schema["minimum"] is { } min && number < Number(min))
                {
                    errors.Add($"{Where(path)}: {number} is less than {min}");
                }

                if (schema["maximum"] is { } max && number > Number(max))
                {
                    errors.Add($"{Where(path)}: {number} is greater than {max}");
                }

                break;
            case "boolean":
                if (value is not JsonValue b || b.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{Where(path)}: must be a boolean");
                }

                break;
        }
    }

    private static void Bound(int count, JsonObject schema, string minName, string maxName, string path, string what, List<string> errors)
    {
        if (schema[minName] is { } min && count < Number(min))
        {
            errors.Add($"{Where(path)}: at least {min} {what}");
        }

        if (schema[maxName] is { } max && count > Number(max))
        {
            errors.Add($"{Where(path)}: at most {max} {what}");
        }
    }

    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    private static string Where(string path) => path.Length == 0 ? "(root)" : path;
}
