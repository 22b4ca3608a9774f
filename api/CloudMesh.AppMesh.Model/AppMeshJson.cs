using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMesh.AppMesh.Model;

/// <summary>App Mesh's rest-json value conventions.</summary>
public static class AppMeshJson
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>
    /// A timestamp as App Mesh sends it in bodies: epoch seconds as a JSON number with up to millisecond fraction,
    /// e.g. <c>1700000000.123</c>. Sub-millisecond precision is dropped, as the service does.
    /// </summary>
    /// <param name="value">The instant.</param>
    public static JsonValue Timestamp(DateTimeOffset value) =>
        JsonValue.Create(value.ToUnixTimeMilliseconds() / 1000m);

    /// <summary>Reads a timestamp from epoch seconds (a number) or an ISO-8601 string.</summary>
    /// <param name="node">The JSON value.</param>
    /// <param name="value">The instant, when the value is a timestamp.</param>
    /// <returns>Whether <paramref name="node"/> held a timestamp.</returns>
    public static bool TryReadTimestamp(JsonNode? node, out DateTimeOffset value)
    {
        value = default;
        if (node is not JsonValue json)
        {
            return false;
        }

        switch (json.GetValueKind())
        {
            case JsonValueKind.Number:
                if (!decimal.TryParse(JsonNumbers.Text(json), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    return false;
                }

                var milliseconds = decimal.Round(seconds * 1000m, MidpointRounding.AwayFromZero);
                if (milliseconds < -62135596800000m || milliseconds > 253402300799999m)
                {
                    return false;
                }

                value = DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
                return true;
            case JsonValueKind.String:
                return TryParseIso(json.GetValue<string>(), out value);
            default:
                return false;
        }
    }

    /// <summary>ISO-8601 date-time (Smithy's date-time format); UTC when no offset is given.</summary>
    internal static bool TryParseIso(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(
            text,
            IsoFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
}
