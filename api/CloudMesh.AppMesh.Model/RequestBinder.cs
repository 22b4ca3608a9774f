using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMesh.AppMesh.Model;

/// <summary>
/// Turns an HTTP request into an operation's input object, as rest-json binds it: URI labels, query parameters and
/// headers go to the members bound to them, the JSON body supplies the rest. The result is validated as a whole.
/// </summary>
public static class RequestBinder
{
    private static readonly JsonDocumentOptions BodyOptions = new()
    {
        // A duplicated member is ambiguous; refuse it instead of silently picking one.
        AllowDuplicateProperties = false,
        MaxDepth = 64,
    };

    /// <summary>Binds and validates one request.</summary>
    /// <param name="operation">The operation the route matched.</param>
    /// <param name="routeValues">URI label values by label name (e.g. <c>meshName</c>), already URL-decoded.</param>
    /// <param name="query">Query parameters, URL-decoded; a name may repeat for list members. Unknown names are ignored.</param>
    /// <param name="header">Returns a request header's value, or <c>null</c> when absent.</param>
    /// <param name="body">The request body as UTF-8 JSON; empty means no body members.</param>
    /// <returns>The input object, or the validation errors, or the reason the body is not a JSON object.</returns>
    public static BindResult Bind(
        OperationModel operation,
        IReadOnlyDictionary<string, string> routeValues,
        IEnumerable<KeyValuePair<string, string>> query,
        Func<string, string?> header,
        ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(routeValues);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(header);

        if (!TryReadBody(body, out var input, out var malformed))
        {
            return BindResult.Malformed(malformed);
        }

        var shape = operation.Input;
        List<ValidationError>? errors = null;
        HashSet<string>? unparsable = null;
        ILookup<string, string>? queryByName = null;

        foreach (var member in shape.Members)
        {
            if (member.Location is null)
            {
                continue;
            }

            // Location members come from the request line and headers only; the body may not smuggle them in.
            if (input.Remove(member.Name))
            {
                (errors ??= []).Add(new ValidationError(
                    member.Name,
                    $"member '{member.Name}' is bound from the {LocationWord(member.Location)} and must not appear in the request body"));
            }

            JsonNode? value;
            string? problem;
            switch (member.Location)
            {
                case "uri":
                    (value, problem) = routeValues.TryGetValue(member.LocationName, out var label)
                        ? Convert(member.Shape, label)
                        : (null, null);
                    break;
                case "querystring":
                    queryByName ??= query.ToLookup(p => p.Key, p => p.Value, StringComparer.Ordinal);
                    (value, problem) = FromQuery(member.Shape, queryByName[member.LocationName]);
                    break;
                case "header":
                    (value, problem) = header(member.LocationName) is { } headerValue
                        ? ConvertHeader(member.Shape, headerValue)
                        : (null, null);
                    break;
                default:
                    // statusCode and other response-only locations carry nothing in a request.
                    (value, problem) = (null, null);
                    break;
            }

            if (problem is not null)
            {
                (errors ??= []).Add(new ValidationError(member.Name, problem));
                (unparsable ??= new HashSet<string>(StringComparer.Ordinal)).Add(member.Name);
            }
            else if (value is not null)
            {
                input[member.Name] = value;
            }
        }

        var validation = InputValidator.Validate(shape, input);
        if (errors is null && validation.Count == 0)
        {
            return BindResult.Success(input);
        }

        errors ??= [];
        foreach (var error in validation)
        {
            // A value that could not be converted was left out; do not also call it missing.
            if (unparsable is null || !unparsable.Contains(error.Path))
            {
                errors.Add(error);
            }
        }

        return BindResult.Invalid(errors.Count > InputValidator.DefaultMaxErrors ? errors[..InputValidator.DefaultMaxErrors] : errors);
    }

    private static bool TryReadBody(ReadOnlySpan<byte> body, out JsonObject input, out string malformed)
    {
        input = null!;
        malformed = "";
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            input = new JsonObject();
            return true;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body, documentOptions: BodyOptions);
        }
        catch (JsonException ex)
        {
            malformed = ex.LineNumber is { } line && ex.BytePositionInLine is { } position
                ? $"Malformed JSON: {Describe(ex.Message)} (line {line + 1}, byte {position + 1})"
                : $"Malformed JSON: {Describe(ex.Message)}";
            return false;
        }

        if (node is JsonObject obj)
        {
            input = obj;
            return true;
        }

        malformed = $"Malformed JSON: the request body must be a JSON object, not {(node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant())}";
        return false;
    }

    /// <summary>
    /// System.Text.Json's message without its own path/position suffix (we report the position our way) and without
    /// advice about reader options, which means nothing to an API caller.
    /// </summary>
    private static string Describe(string message)
    {
        foreach (var marker in (ReadOnlySpan<string>)[" Path:", " LineNumber:", " Change the reader options"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd(' ', '|', '.');
    }

    private static (JsonNode? Value, string? Problem) FromQuery(ShapeModel shape, IEnumerable<string> values)
    {
        if (shape.Type == ShapeType.List)
        {
            var array = new JsonArray();
            foreach (var text in values)
            {
                var (element, problem) = Convert(shape.ListMember!.Shape, text);
                if (problem is not null)
                {
                    return (null, problem);
                }

                array.Add(element);
            }

            return (array.Count == 0 ? null : array, null);
        }

        // A repeated scalar parameter: the first occurrence wins, as most HTTP frameworks bind it.
        foreach (var text in values)
        {
            return Convert(shape, text);
        }

        return (null, null);
    }

    private static (JsonNode? Value, string? Problem) ConvertHeader(ShapeModel shape, string text)
    {
        // rest-json sends header timestamps as HTTP dates (RFC 7231).
        if (shape.Type == ShapeType.Timestamp &&
            DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return (AppMeshJson.Timestamp(date), null);
        }

        return Convert(shape, text);
    }

    /// <summary>Converts a text value from the URI, query or a header to the JSON the member's shape expects.</summary>
    private static (JsonNode? Value, string? Problem) Convert(ShapeModel shape, string text)
    {
        switch (shape.Type)
        {
            case ShapeType.Integer or ShapeType.Long:
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                    ? (JsonValue.Create(integer), null)
                    : (null, $"'{text}' is not a valid integer");
            case ShapeType.Double:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? (JsonValue.Create(number), null)
                    : (null, $"'{text}' is not a valid number");
            case ShapeType.Boolean:
                return bool.TryParse(text, out var flag)
                    ? (JsonValue.Create(flag), null)
                    : (null, $"'{text}' is not a valid boolean; expected true or false");
            case ShapeType.Timestamp:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
                    ? (JsonValue.Create(seconds), null)
                    : (JsonValue.Create(text), null);
            default:
                return (JsonValue.Create(text), null);
        }
    }

    private static string LocationWord(string location) => location switch
    {
        "uri" => "URI path",
        "querystring" => "query string",
        "header" => "header",
        _ => location,
    };
}
