using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CloudMesh.Sdk.Generator.Json;

namespace CloudMesh.Sdk.Generator.Model;

/// <summary>
/// Reads botocore's service-2.json in two passes, as the API's own reader does: every shape with its constraints first,
/// then the references between shapes, so recursive shapes need no recursion to build.
/// </summary>
internal static class ServiceModelReader
{
    public static ServiceModel Read(string json)
    {
        var root = JsonParser.Parse(json) as JsonObject ?? throw new InvalidDataException("The service model is not a JSON object.");
        var metadata = Required(root.Object("metadata"), "metadata");
        var shapesElement = Required(root.Object("shapes"), "shapes");

        var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var entry in shapesElement.Properties)
        {
            shapes.Add(entry.Key, ReadShape(entry.Key, (JsonObject)entry.Value!));
        }

        foreach (var entry in shapesElement.Properties)
        {
            Link(shapes[entry.Key], (JsonObject)entry.Value!, shapes);
        }

        var operations = new List<Operation>();
        foreach (var entry in Required(root.Object("operations"), "operations").Properties)
        {
            operations.Add(ReadOperation(entry.Key, (JsonObject)entry.Value!, shapes));
        }

        return new ServiceModel(
            Required(metadata.String("apiVersion"), "metadata.apiVersion"),
            metadata.String("signingName") ?? Required(metadata.String("endpointPrefix"), "metadata.endpointPrefix"),
            Required(metadata.String("serviceId"), "metadata.serviceId"),
            operations,
            shapes.Values.ToList());
    }

    private static Shape ReadShape(string name, JsonObject element)
    {
        var shape = new Shape(name, ParseKind(name, Required(element.String("type"), name + ".type")))
        {
            Min = element.Integer("min"),
            Max = element.Integer("max"),
            Pattern = element.String("pattern"),
            EnumValues = element.Array("enum")?.Cast<string>().ToList(),
            IsUnion = element.Flag("union"),
            IsException = element.Flag("exception"),
            ErrorStatusCode = (int?)element.Object("error")?.Integer("httpStatusCode"),
            IsRetryable = element.Object("retryable") is not null,
            RetryableThrottling = element.Object("retryable")?.Flag("throttling") ?? false,
            Sensitive = element.Flag("sensitive"),
            Payload = element.String("payload"),
        };
        return shape;
    }

    private static void Link(Shape shape, JsonObject element, Dictionary<string, Shape> shapes)
    {
        if (shape.Kind == ShapeKind.List)
        {
            shape.ListElement = Resolve(Required(element.Object("member"), shape.Name + ".member"), shapes, shape.Name);
            return;
        }

        if (shape.Kind != ShapeKind.Structure)
        {
            return;
        }

        var required = new HashSet<string>(element.Array("required")?.Cast<string>() ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
        foreach (var entry in element.Object("members")?.Properties ?? Array.Empty<KeyValuePair<string, object?>>())
        {
            var member = (JsonObject)entry.Value!;
            shape.Members.Add(new Member(
                entry.Key,
                Resolve(member, shapes, shape.Name),
                member.String("location"),
                member.String("locationName"),
                required.Contains(entry.Key),
                member.Flag("idempotencyToken")));
        }

        foreach (var name in required)
        {
            if (!shape.Members.Exists(m => m.Name == name))
            {
                throw new InvalidDataException($"Shape '{shape.Name}' requires '{name}', which is not a member.");
            }
        }
    }

    private static Operation ReadOperation(string name, JsonObject element, Dictionary<string, Shape> shapes)
    {
        var http = Required(element.Object("http"), name + ".http");
        var input = Resolve(Required(element.Object("input"), name + ".input"), shapes, name);
        var output = Resolve(Required(element.Object("output"), name + ".output"), shapes, name);
        var errors = (element.Array("errors") ?? new List<object?>())
            .Select(e => Resolve((JsonObject)e!, shapes, name))
            .ToList();
        return new Operation(
            name,
            Required(http.String("method"), name + ".http.method"),
            Required(http.String("requestUri"), name + ".http.requestUri"),
            (int)(http.Integer("responseCode") ?? 200),
            input,
            output,
            errors);
    }

    private static Shape Resolve(JsonObject reference, Dictionary<string, Shape> shapes, string owner)
    {
        var target = Required(reference.String("shape"), owner + ": shape reference");
        return shapes.TryGetValue(target, out var shape)
            ? shape
            : throw new InvalidDataException($"'{owner}' refers to shape '{target}', which the model does not define.");
    }

    private static ShapeKind ParseKind(string shape, string type) => type switch
    {
        "structure" => ShapeKind.Structure,
        "string" => ShapeKind.String,
        "list" => ShapeKind.List,
        "integer" => ShapeKind.Integer,
        "long" => ShapeKind.Long,
        "double" or "float" => ShapeKind.Double,
        "boolean" => ShapeKind.Boolean,
        "timestamp" => ShapeKind.Timestamp,
        _ => throw new InvalidDataException($"Shape '{shape}' has type '{type}', which this generator does not support."),
    };

    private static T Required<T>(T? value, string what) where T : class =>
        value ?? throw new InvalidDataException($"The service model lacks '{what}'.");
}
