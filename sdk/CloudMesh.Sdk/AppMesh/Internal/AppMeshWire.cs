using System.Globalization;
using System.Text.Json;

namespace CloudMesh.Sdk.AppMesh.Internal;

/// <summary>
/// The rest-json wire conventions the generated codecs share: epoch-second timestamps, strict value kinds (a wrong
/// kind is a <see cref="JsonException"/> naming the shape), nulls treated as absent, and empty bodies.
/// </summary>
internal static class AppMeshWire
{
    private const decimal TicksPerSecond = TimeSpan.TicksPerSecond;

    /// <summary>Parses a response body; an empty body (as some outputs have) is null.</summary>
    public static JsonDocument? ParseBody(Stream body)
    {
        using var buffer = new MemoryStream();
        body.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        return bytes.Span.Trim(" \t\r\n"u8).IsEmpty ? null : JsonDocument.Parse(bytes);
    }

    /// <summary>The non-null members of a JSON object that encodes the shape <paramref name="shape"/>.</summary>
    public static IEnumerable<JsonProperty> Members(JsonElement element, string shape)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Expected a JSON object for {shape} but found {element.ValueKind}.");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                yield return property;
            }
        }
    }

    public static string ReadString(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Unexpected("a string", element);

    public static int ReadInt32(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value) ? value : throw Unexpected("a 32-bit integer", element);

    public static long ReadInt64(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value) ? value : throw Unexpected("a 64-bit integer", element);

    public static double ReadDouble(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number ? element.GetDouble() : throw Unexpected("a number", element);

    public static bool ReadBoolean(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Unexpected("a boolean", element),
    };

    /// <summary>
    /// Reads a rest-json timestamp: epoch seconds with an optional fraction, as a UTC <see cref="DateTime"/>.
    /// An ISO 8601 string is accepted too (timestampFormat iso8601 in other models).
    /// </summary>
    public static DateTime ReadTimestamp(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            var ticks = decimal.Round(element.GetDecimal() * TicksPerSecond);
            return DateTime.UnixEpoch.AddTicks((long)ticks);
        }

        if (element.ValueKind == JsonValueKind.String &&
            DateTime.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        throw Unexpected("a timestamp (epoch seconds)", element);
    }

    /// <summary>Epoch seconds with the fraction the value carries; a value of unspecified kind is taken as UTC.</summary>
    public static decimal ToEpochSeconds(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return (utc - DateTime.UnixEpoch).Ticks / TicksPerSecond;
    }

    /// <summary>Reads a JSON array, skipping null items.</summary>
    public static List<T> ReadList<T>(JsonElement element, Func<JsonElement, T> readItem)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Unexpected("an array", element);
        }

        var result = new List<T>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Null)
            {
                result.Add(readItem(item));
            }
        }

        return result;
    }

    private static JsonException Unexpected(string expected, JsonElement element) =>
        new($"Expected {expected} but found {element.ValueKind} ({Shorten(element.GetRawText())}).");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
