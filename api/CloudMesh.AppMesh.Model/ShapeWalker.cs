using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CloudMesh.AppMesh.Model;

/// <summary>
/// Walks one JSON value against one shape and collects every constraint it breaks, in a deterministic order:
/// per structure, unknown members (input order), missing required members and the union rule, then each member in
/// model order. Stops collecting at the error cap. Single use; not thread-safe.
/// </summary>
internal sealed class ShapeWalker
{
    private const int MaxEchoedLength = 64;

    private readonly List<ValidationError> _errors = [];
    private readonly ValidationPath _path = new();
    private readonly int _maxErrors;

    internal ShapeWalker(int maxErrors) => _maxErrors = maxErrors;

    internal IReadOnlyList<ValidationError> Errors => _errors;

    private bool Full => _errors.Count >= _maxErrors;

    /// <summary>Validates a root value; a missing structure counts as the empty object, so its required members are named.</summary>
    internal void WalkRoot(ShapeModel shape, JsonNode? node)
    {
        if (node is null)
        {
            if (shape.Type == ShapeType.Structure)
            {
                WalkStructure(shape, new JsonObject());
            }
            else
            {
                Add($"expected {Expected(shape.Type)}, got null");
            }

            return;
        }

        Walk(shape, node);
    }

    private void Walk(ShapeModel shape, JsonNode node)
    {
        if (Full)
        {
            return;
        }

        switch (shape.Type)
        {
            case ShapeType.Structure:
                if (node is JsonObject obj)
                {
                    WalkStructure(shape, obj);
                }
                else
                {
                    TypeMismatch(shape, node);
                }

                break;
            case ShapeType.List:
                if (node is JsonArray array)
                {
                    WalkList(shape, array);
                }
                else
                {
                    TypeMismatch(shape, node);
                }

                break;
            case ShapeType.Map:
                if (node is JsonObject map)
                {
                    WalkMap(shape, map);
                }
                else
                {
                    TypeMismatch(shape, node);
                }

                break;
            default:
                if (node is JsonValue value)
                {
                    CheckScalar(shape, value);
                }
                else
                {
                    TypeMismatch(shape, node);
                }

                break;
        }
    }

    private void WalkStructure(ShapeModel shape, JsonObject obj)
    {
        foreach (var property in obj)
        {
            if (!shape.TryGetMember(property.Key, out _))
            {
                var mark = _path.PushMember(property.Key);
                var path = _path.ToString();
                _path.Truncate(mark);
                if (AddAt(path, $"Unknown member '{path}'. Valid members are: {shape.MemberNamesText}"))
                {
                    return;
                }
            }
        }

        var members = shape.Members;
        var setCount = 0;
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            if (obj.TryGetPropertyValue(member.Name, out var child) && child is not null)
            {
                setCount++;
            }
            else if (member.IsRequired)
            {
                var mark = _path.PushMember(member.Name);
                var path = _path.ToString();
                _path.Truncate(mark);
                if (AddAt(path, $"Missing required member '{path}'"))
                {
                    return;
                }
            }
        }

        if (shape.IsUnion && setCount != 1 && members.Count > 0)
        {
            var message = setCount == 0
                ? $"exactly one member must be set, but none is; set one of: {shape.MemberNamesText}"
                : $"exactly one member must be set, but {setCount} are: {SetMemberNames(shape, obj)}";
            if (Add(message))
            {
                return;
            }
        }

        for (var i = 0; i < members.Count && !Full; i++)
        {
            var member = members[i];
            if (obj.TryGetPropertyValue(member.Name, out var child) && child is not null)
            {
                var mark = _path.PushMember(member.Name);
                Walk(member.Shape, child);
                _path.Truncate(mark);
            }
        }
    }

    private void WalkList(ShapeModel shape, JsonArray array)
    {
        if (CheckCount(shape, array.Count, "items"))
        {
            return;
        }

        var elementShape = shape.ListMember!.Shape;
        for (var i = 0; i < array.Count && !Full; i++)
        {
            var mark = _path.PushIndex(i);
            if (array[i] is { } element)
            {
                Walk(elementShape, element);
            }
            else
            {
                Add($"expected {Expected(elementShape.Type)}, got null");
            }

            _path.Truncate(mark);
        }
    }

    private void WalkMap(ShapeModel shape, JsonObject map)
    {
        if (CheckCount(shape, map.Count, "entries"))
        {
            return;
        }

        foreach (var entry in map)
        {
            if (Full)
            {
                return;
            }

            var mark = _path.PushKey(entry.Key);
            CheckString(shape.MapKey!, entry.Key, "key ");
            if (entry.Value is { } value)
            {
                Walk(shape.MapValue!, value);
            }
            else
            {
                Add($"expected {Expected(shape.MapValue!.Type)}, got null");
            }

            _path.Truncate(mark);
        }
    }

    /// <summary>Checks an element count; returns true when the error cap was reached.</summary>
    private bool CheckCount(ShapeModel shape, int count, string noun)
    {
        if (count < shape.Min)
        {
            return Add($"has {count} {noun}, fewer than the minimum {shape.Min}");
        }

        if (count > shape.Max)
        {
            return Add($"has {count} {noun}, more than the maximum {shape.Max}");
        }

        return false;
    }

    private void CheckScalar(ShapeModel shape, JsonValue value)
    {
        var kind = value.GetValueKind();
        if (kind == JsonValueKind.String && !IsStorableText(value))
        {
            return;
        }

        switch (shape.Type)
        {
            case ShapeType.String when kind == JsonValueKind.String:
                CheckString(shape, value.GetValue<string>(), "");
                return;
            case ShapeType.Integer or ShapeType.Long when kind == JsonValueKind.Number:
                CheckInteger(shape, value);
                return;
            case ShapeType.Double when kind == JsonValueKind.Number:
                CheckDouble(shape, value);
                return;
            case ShapeType.Double when kind == JsonValueKind.String:
                // Smithy's JSON protocols carry non-finite doubles as these strings.
                if (value.GetValue<string>() is not ("NaN" or "Infinity" or "-Infinity"))
                {
                    TypeMismatch(shape, value);
                }

                return;
            case ShapeType.Boolean when kind is JsonValueKind.True or JsonValueKind.False:
                return;
            case ShapeType.Timestamp when kind == JsonValueKind.Number:
                if (!JsonNumbers.TryReadDouble(value, out _))
                {
                    TypeMismatch(shape, value);
                }

                return;
            case ShapeType.Timestamp when kind == JsonValueKind.String:
                if (!AppMeshJson.TryParseIso(value.GetValue<string>(), out _))
                {
                    Add($"{Echo(shape, value.GetValue<string>())} is not a timestamp; expected epoch seconds or an ISO-8601 date-time such as 2019-01-25T00:00:00Z");
                }

                return;
            case ShapeType.Blob when kind == JsonValueKind.String:
                CheckBlob(shape, value.GetValue<string>());
                return;
            default:
                TypeMismatch(shape, value);
                return;
        }
    }

    /// <summary>
    /// Refuses text no client should send and no store can keep: an unpaired UTF-16 surrogate (JSON allows the
    /// escape <c>\ud800</c>, but it is not Unicode) and the NUL character (PostgreSQL text cannot hold it).
    /// </summary>
    private bool IsStorableText(JsonValue value)
    {
        string text;
        try
        {
            text = value.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            Add("is not valid Unicode text: it contains an unpaired surrogate escape");
            return false;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            Add("contains the NUL character (U+0000), which is not allowed");
            return false;
        }

        if (UnicodeText.FirstUnpairedSurrogate(text) >= 0)
        {
            Add("is not valid Unicode text: it contains an unpaired surrogate");
            return false;
        }

        return true;
    }

    private void CheckString(ShapeModel shape, string text, string what)
    {
        if (shape.Min is not null || shape.Max is not null)
        {
            var length = CodePointLength(text);
            if (length < shape.Min)
            {
                Add($"{what}length {length} is less than the minimum length {shape.Min}");
            }
            else if (length > shape.Max)
            {
                Add($"{what}length {length} is greater than the maximum length {shape.Max}");
            }
        }

        if (!shape.IsEnumValue(text))
        {
            Add($"{what}{Echo(shape, text)} is not a valid value; expected one of: {shape.EnumText}");
        }

        if (shape.PatternRegex is { } regex)
        {
            try
            {
                if (!regex.IsMatch(text))
                {
                    Add($"{what}{Echo(shape, text)} does not match the pattern {shape.Pattern}");
                }
            }
            catch (RegexMatchTimeoutException)
            {
                Add($"{what}{Echo(shape, text)} could not be checked against the pattern {shape.Pattern} in time");
            }
        }
    }

    private void CheckInteger(ShapeModel shape, JsonValue value)
    {
        var read = JsonNumbers.TryReadInt64(value, out var number);
        var bits = shape.Type == ShapeType.Integer ? 32 : 64;
        if (read == JsonNumbers.IntegerRead.NotIntegral)
        {
            Add($"{JsonNumbers.Text(value)} is not an integer");
            return;
        }

        if (read == JsonNumbers.IntegerRead.OutOfRange || (bits == 32 && number is < int.MinValue or > int.MaxValue))
        {
            Add($"{JsonNumbers.Text(value)} is outside the range of a {bits}-bit integer");
            return;
        }

        if (number < shape.Min)
        {
            Add($"{number} is less than the minimum {shape.Min}");
        }
        else if (number > shape.Max)
        {
            Add($"{number} is greater than the maximum {shape.Max}");
        }
    }

    private void CheckDouble(ShapeModel shape, JsonValue value)
    {
        if (!JsonNumbers.TryReadDouble(value, out var number))
        {
            Add($"{JsonNumbers.Text(value)} is outside the range of a double");
            return;
        }

        if (number < shape.Min)
        {
            Add($"{JsonNumbers.Text(value)} is less than the minimum {shape.Min}");
        }
        else if (number > shape.Max)
        {
            Add($"{JsonNumbers.Text(value)} is greater than the maximum {shape.Max}");
        }
    }

    private void CheckBlob(ShapeModel shape, string text)
    {
        if (!Base64.IsValid(text.AsSpan(), out var length))
        {
            Add("expected a base64-encoded string");
            return;
        }

        if (length < shape.Min)
        {
            Add($"{length} bytes is less than the minimum length {shape.Min}");
        }
        else if (length > shape.Max)
        {
            Add($"{length} bytes is greater than the maximum length {shape.Max}");
        }
    }

    private void TypeMismatch(ShapeModel shape, JsonNode node) =>
        Add($"expected {Expected(shape.Type)}, got {Describe(node)}");

    /// <summary>Records an error at the current path; returns true when the cap is reached.</summary>
    private bool Add(string message) => AddAt(_path.ToString(), message);

    private bool AddAt(string path, string message)
    {
        if (_errors.Count < _maxErrors)
        {
            _errors.Add(new ValidationError(path, message));
        }

        return Full;
    }

    private static string SetMemberNames(ShapeModel shape, JsonObject obj)
    {
        var names = new List<string>();
        foreach (var member in shape.Members)
        {
            if (obj.TryGetPropertyValue(member.Name, out var child) && child is not null)
            {
                names.Add(member.Name);
            }
        }

        return string.Join(", ", names);
    }

    /// <summary>Smithy (and botocore) measure string length in Unicode code points, not UTF-16 units.</summary>
    private static int CodePointLength(string text)
    {
        var length = text.Length;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                length--;
                i++;
            }
        }

        return length;
    }

    private static string Echo(ShapeModel shape, string text)
    {
        if (shape.IsSensitive)
        {
            return "the value";
        }

        return text.Length <= MaxEchoedLength ? $"'{text}'" : $"'{text[..MaxEchoedLength]}…'";
    }

    private static string Expected(ShapeType type) => type switch
    {
        ShapeType.Structure or ShapeType.Map => "an object",
        ShapeType.List => "an array",
        ShapeType.String => "a string",
        ShapeType.Integer => "an integer",
        ShapeType.Long => "an integer",
        ShapeType.Double => "a number",
        ShapeType.Boolean => "a boolean",
        ShapeType.Timestamp => "a timestamp (epoch seconds or an ISO-8601 string)",
        ShapeType.Blob => "a base64-encoded string",
        _ => type.ToString(),
    };

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {JsonNumbers.Text((JsonValue)node)}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };
}
