using System.Collections.Frozen;
using System.Text.Json;

namespace CloudMesh.AppMesh.Model;

/// <summary>
/// Reads a botocore model in two passes: first every shape with its own constraints, then the references between
/// shapes. Members point at shape objects that already exist, so recursive shapes need no recursion to build.
/// </summary>
internal static class ServiceModelReader
{
    internal static ServiceModel Read(Stream utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json);
        var root = document.RootElement;
        var metadata = root.GetProperty("metadata");
        var shapesElement = root.GetProperty("shapes");

        var shapes = new Dictionary<string, ShapeModel>(StringComparer.Ordinal);
        foreach (var entry in shapesElement.EnumerateObject())
        {
            shapes.Add(entry.Name, ReadShape(entry.Name, entry.Value));
        }

        foreach (var entry in shapesElement.EnumerateObject())
        {
            Link(shapes[entry.Name], entry.Value, shapes);
        }

        var operations = new Dictionary<string, OperationModel>(StringComparer.Ordinal);
        foreach (var entry in root.GetProperty("operations").EnumerateObject())
        {
            operations.Add(entry.Name, ReadOperation(entry.Name, entry.Value, shapes));
        }

        return new ServiceModel(
            RequiredString(metadata, "apiVersion", "metadata"),
            OptionalString(metadata, "signingName") ?? RequiredString(metadata, "endpointPrefix", "metadata"),
            RequiredString(metadata, "protocol", "metadata"),
            operations.ToFrozenDictionary(StringComparer.Ordinal),
            shapes.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static ShapeModel ReadShape(string name, JsonElement shape)
    {
        var type = ParseType(name, RequiredString(shape, "type", name));
        string[]? enumValues = null;
        if (shape.TryGetProperty("enum", out var enumElement))
        {
            enumValues = enumElement.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
        }

        int? status = null;
        if (shape.TryGetProperty("error", out var error) && error.TryGetProperty("httpStatusCode", out var code))
        {
            status = code.GetInt32();
        }

        var required = shape.TryGetProperty("required", out var requiredElement)
            ? requiredElement.EnumerateArray().Select(e => e.GetString() ?? "").ToFrozenSet(StringComparer.Ordinal)
            : FrozenSet<string>.Empty;

        return new ShapeModel(
            name,
            type,
            Bound(shape, "min", name),
            Bound(shape, "max", name),
            enumValues,
            OptionalString(shape, "pattern"),
            Flag(shape, "union"),
            OptionalString(shape, "payload"),
            Flag(shape, "exception"),
            status,
            Flag(shape, "sensitive"),
            required);
    }

    private static void Link(ShapeModel shape, JsonElement element, Dictionary<string, ShapeModel> shapes)
    {
        switch (shape.Type)
        {
            case ShapeType.Structure:
                var members = new List<MemberModel>();
                if (element.TryGetProperty("members", out var membersElement))
                {
                    foreach (var m in membersElement.EnumerateObject())
                    {
                        members.Add(ReadMember(m.Name, m.Value, shape.Required.Contains(m.Name), shapes, shape.Name));
                    }
                }

                foreach (var requiredName in shape.Required)
                {
                    if (!members.Exists(m => m.Name == requiredName))
                    {
                        throw new InvalidDataException($"Shape '{shape.Name}' requires '{requiredName}', which is not a member.");
                    }
                }

                if (shape.Payload is not null && !members.Exists(m => m.Name == shape.Payload))
                {
                    throw new InvalidDataException($"Shape '{shape.Name}' names payload '{shape.Payload}', which is not a member.");
                }

                shape.SetMembers(members);
                break;
            case ShapeType.List:
                shape.SetListMember(ReadMember("member", Property(element, "member", shape.Name), false, shapes, shape.Name));
                break;
            case ShapeType.Map:
                shape.SetMap(
                    Resolve(Property(element, "key", shape.Name), shapes, shape.Name),
                    Resolve(Property(element, "value", shape.Name), shapes, shape.Name));
                break;
        }
    }

    private static MemberModel ReadMember(
        string name, JsonElement member, bool required, Dictionary<string, ShapeModel> shapes, string owner) =>
        new(
            name,
            Resolve(member, shapes, owner),
            OptionalString(member, "location"),
            OptionalString(member, "locationName"),
            Flag(member, "idempotencyToken"),
            required);

    private static OperationModel ReadOperation(string name, JsonElement op, Dictionary<string, ShapeModel> shapes)
    {
        var http = Property(op, "http", name);
        var input = op.TryGetProperty("input", out var inputElement)
            ? Resolve(inputElement, shapes, name)
            : EmptyInput(name);
        var output = op.TryGetProperty("output", out var outputElement) ? Resolve(outputElement, shapes, name) : null;
        var errors = op.TryGetProperty("errors", out var errorsElement)
            ? errorsElement.EnumerateArray().Select(e => Resolve(e, shapes, name).Name).ToArray()
            : [];
        var responseCode = http.TryGetProperty("responseCode", out var codeElement) ? codeElement.GetInt32() : 200;
        return new OperationModel(
            name,
            RequiredString(http, "method", name),
            RequiredString(http, "requestUri", name),
            responseCode,
            input,
            output,
            errors,
            Flag(op, "idempotent"));
    }

    /// <summary>Operations without an input still validate and bind: they accept exactly the empty object.</summary>
    private static ShapeModel EmptyInput(string operation)
    {
        var shape = new ShapeModel(
            operation + "Request", ShapeType.Structure, null, null, null, null, false, null, false, null, false, FrozenSet<string>.Empty);
        shape.SetMembers([]);
        return shape;
    }

    private static ShapeModel Resolve(JsonElement reference, Dictionary<string, ShapeModel> shapes, string owner)
    {
        var target = RequiredString(reference, "shape", owner);
        return shapes.TryGetValue(target, out var shape)
            ? shape
            : throw new InvalidDataException($"'{owner}' refers to shape '{target}', which the model does not define.");
    }

    private static ShapeType ParseType(string shape, string type) => type switch
    {
        "structure" => ShapeType.Structure,
        "string" => ShapeType.String,
        "list" => ShapeType.List,
        "map" => ShapeType.Map,
        "integer" => ShapeType.Integer,
        "long" => ShapeType.Long,
        "double" or "float" => ShapeType.Double,
        "boolean" => ShapeType.Boolean,
        "timestamp" => ShapeType.Timestamp,
        "blob" => ShapeType.Blob,
        _ => throw new InvalidDataException($"Shape '{shape}' has unsupported type '{type}'."),
    };

    private static long? Bound(JsonElement shape, string name, string owner)
    {
        if (!shape.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.TryGetInt64(out var integral))
        {
            return integral;
        }

        // Some models write integral bounds as 1.0; anything with a fraction cannot be a long bound.
        var d = value.GetDouble();
        return d == Math.Floor(d) && d >= long.MinValue && d <= long.MaxValue
            ? (long)d
            : throw new InvalidDataException($"Shape '{owner}' has non-integral {name} {value.GetRawText()}.");
    }

    private static JsonElement Property(JsonElement element, string name, string owner) =>
        element.TryGetProperty(name, out var value)
            ? value
            : throw new InvalidDataException($"'{owner}' lacks '{name}'.");

    private static string RequiredString(JsonElement element, string name, string owner) =>
        OptionalString(element, name) ?? throw new InvalidDataException($"'{owner}' lacks string '{name}'.");

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
