using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMesh.AppMesh.Model;

/// <summary>Reads JSON numbers whether a node came from parsed text (the common case) or was built in code.</summary>
internal static class JsonNumbers
{
    internal enum IntegerRead
    {
        Ok,
        NotIntegral,
        OutOfRange,
    }

    /// <summary>Reads an integral value; 3.0 counts as integral, 3.5 does not.</summary>
    internal static IntegerRead TryReadInt64(JsonValue value, out long result)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            if (element.TryGetInt64(out result))
            {
                return IntegerRead.Ok;
            }

            return ClassifyDecimalText(element.GetRawText(), out result);
        }

        if (value.TryGetValue(out int i))
        {
            result = i;
            return IntegerRead.Ok;
        }

        if (value.TryGetValue(out result))
        {
            return IntegerRead.Ok;
        }

        return ClassifyDecimalText(value.ToJsonString(), out result);
    }

    /// <summary>Reads any finite JSON number as a double.</summary>
    internal static bool TryReadDouble(JsonValue value, out double result)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return element.TryGetDouble(out result) && double.IsFinite(result);
        }

        return double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out result)
            && double.IsFinite(result);
    }

    /// <summary>The number as the client wrote it, for messages.</summary>
    internal static string Text(JsonValue value) =>
        value.TryGetValue<JsonElement>(out var element) ? element.GetRawText() : value.ToJsonString();

    private static IntegerRead ClassifyDecimalText(string text, out long result)
    {
        result = 0;
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            if (d != decimal.Truncate(d))
            {
                return IntegerRead.NotIntegral;
            }

            if (d < long.MinValue || d > long.MaxValue)
            {
                return IntegerRead.OutOfRange;
            }

            result = (long)d;
            return IntegerRead.Ok;
        }

        // Beyond decimal's range (about 7.9e28): integral or not, it cannot be a long.
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var dbl) && dbl != Math.Floor(dbl)
            ? IntegerRead.NotIntegral
            : IntegerRead.OutOfRange;
    }
}
