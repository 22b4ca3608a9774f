using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMesh.AppMesh.Model;

/// <summary>
/// Splits an output object the way rest-json serializes it: a <c>payload</c> member becomes the whole body; header
/// members become headers; everything else stays in the body.
/// </summary>
public static class OutputShaper
{
    /// <summary>Shapes <paramref name="value"/> (an object of <paramref name="output"/>) for the response.</summary>
    /// <param name="output">The operation's output shape.</param>
    /// <param name="value">The output object, keyed by member name.</param>
    /// <returns>
    /// The body and headers. The body may be a node of <paramref name="value"/> itself (no copy is made when nothing
    /// has to be split out), so serialize it rather than attach it to another tree.
    /// </returns>
    public static ShapedOutput Shape(ShapeModel output, JsonObject value)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);

        var headers = new List<KeyValuePair<string, string>>();
        var hasLocated = false;
        foreach (var member in output.Members)
        {
            if (member.Location is null)
            {
                continue;
            }

            hasLocated = true;
            if (member.Location == "header" && value.TryGetPropertyValue(member.Name, out var headerValue) && headerValue is JsonValue scalar)
            {
                headers.Add(new(member.LocationName, HeaderText(member.Shape, scalar)));
            }
        }

        if (output.Payload is { } payload)
        {
            return new ShapedOutput(value.TryGetPropertyValue(payload, out var body) ? body : null, headers);
        }

        if (!hasLocated)
        {
            return new ShapedOutput(value, headers);
        }

        var bodyObject = new JsonObject();
        foreach (var member in output.Members)
        {
            if (member.Location is null && value.TryGetPropertyValue(member.Name, out var child))
            {
                bodyObject[member.Name] = child?.DeepClone();
            }
        }

        return new ShapedOutput(bodyObject, headers);
    }

    private static string HeaderText(ShapeModel shape, JsonValue value)
    {
        if (shape.Type == ShapeType.Timestamp && AppMeshJson.TryReadTimestamp(value, out var instant))
        {
            return instant.ToString("r", CultureInfo.InvariantCulture);
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => JsonNumbers.Text(value),
        };
    }
}
