using System.Globalization;

namespace CloudMesh.SigV4.Internal;

/// <summary>The two date forms SigV4 accepts: X-Amz-Date (ISO 8601 basic) and the HTTP Date header.</summary>
internal static class AmzDate
{
    public const string Format = "yyyyMMdd'T'HHmmss'Z'";

    // RFC 7231 IMF-fixdate, plus the numeric-zone variant Python's email.utils.formatdate writes (botocore).
    private static readonly string[] HttpDateFormats =
    [
        "ddd, dd MMM yyyy HH:mm:ss 'GMT'",
        "ddd, dd MMM yyyy HH:mm:ss '-0000'",
        "ddd, dd MMM yyyy HH:mm:ss '+0000'",
        "ddd, d MMM yyyy HH:mm:ss 'GMT'",
    ];

    public static bool TryParseAmzDate(ReadOnlySpan<char> text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(
            text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    public static bool TryParseHttpDate(ReadOnlySpan<char> text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(
            text.Trim(), HttpDateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    public static string Format8601(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The yyyymmdd digits as a number (the signing-key cache key).</summary>
    public static int DateNumber(ReadOnlySpan<char> timestamp) =>
        int.Parse(timestamp[..8], NumberStyles.None, CultureInfo.InvariantCulture);
}
