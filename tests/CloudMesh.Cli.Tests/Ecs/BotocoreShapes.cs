using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMesh.Cli.Tests.Ecs;

/// <summary>
/// Validates JSON against a shape of a botocore service model (structures, lists, maps, strings with enums, integers,
/// booleans), recursively: unknown members, missing required members, wrong types and values outside an enum are errors.
/// </summary>
internal sealed class BotocoreShapes(JsonObject shapes)
{
    /// <summary>ECS's model (2014-11-13) from the installed botocore.</summary>
    public static BotocoreShapes Ecs() => Load(Path.Combine("botocore", "data", "ecs", "2014-11-13", "service-2.json.gz"));

    /// <summary>Every problem with <paramref name="value"/> as <paramref name="shape"/>, each with its JSON path.</summary>
    public List<string> Validate(JsonNode? value, string shape)
    {
        var errors = new List<string>();
        Check(value, shape, "$", errors);
        return errors;
    }

    private void Check(JsonNode? value, string shapeName, string path, List<string> errors)
    {
        var shape = shapes[shapeName] as JsonObject ?? throw new InvalidOperationException($"The model has no shape {shapeName}.");
        var type = shape["type"]!.GetValue<string>();
        switch (type)
        {
            case "structure" when value is JsonObject obj:
                var members = shape["members"]!.AsObject();
                foreach (var required in shape["required"]?.AsArray() ?? [])
                {
                    if (!obj.ContainsKey(required!.GetValue<string>()))
                    {
                        errors.Add($"{path}: required member '{required}' of {shapeName} is missing");
                    }
                }

                foreach (var (name, member) in obj)
                {
                    if (members[name] is not JsonObject memberShape)
                    {
                        errors.Add($"{path}: {shapeName} has no member '{name}'");
                    }
                    else
                    {
                        Check(member, memberShape["shape"]!.GetValue<string>(), $"{path}.{name}", errors);
                    }
                }

                break;
            case "list" when value is JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], shape["member"]!["shape"]!.GetValue<string>(), $"{path}[{i}]", errors);
                }

                break;
            case "map" when value is JsonObject map:
                foreach (var (name, entry) in map)
                {
                    Check(JsonValue.Create(name), shape["key"]!["shape"]!.GetValue<string>(), $"{path}.{name}(key)", errors);
                    Check(entry, shape["value"]!["shape"]!.GetValue<string>(), $"{path}.{name}", errors);
                }

                break;
            case "string" when value is JsonValue text && text.GetValueKind() == JsonValueKind.String:
                if (shape["enum"] is JsonArray allowed && !allowed.Any(a => a!.GetValue<string>() == text.GetValue<string>()))
                {
                    errors.Add($"{path}: '{text}' is not one of {shapeName}'s values ({string.Join(", ", allowed)})");
                }

                break;
            case "integer" or "long" when value is JsonValue number && number.GetValueKind() == JsonValueKind.Number && long.TryParse(number.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _):
                break;
            case "boolean" when value is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                break;
            default:
                errors.Add($"{path}: expected {type} ({shapeName}), got {(value is null ? "null" : value.GetValueKind().ToString())}");
                break;
        }
    }

    private static BotocoreShapes Load(string relative)
    {
        var file = Candidates().Select(root => Path.Combine(root, relative)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"botocore's {relative} was not found (pip install botocore).");
        using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        return new BotocoreShapes(JsonNode.Parse(gzip)!["shapes"]!.AsObject());
    }

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable("BOTOCORE_SITE_PACKAGES") is { Length: > 0 } given)
        {
            yield return given;
        }

        yield return "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages";
        foreach (var root in new[] { "/root/.pyenv/versions", "/usr/lib", "/usr/local/lib" }.Where(Directory.Exists))
        {
            foreach (var site in Directory.EnumerateDirectories(root, "site-packages", SearchOption.AllDirectories))
            {
                yield return site;
            }
        }
    }
}
