namespace CloudMesh.SigV4.Internal;

/// <summary>Lower-case hex as ASCII bytes, written into a caller's span (no string allocation).</summary>
internal static class Hex
{
    private static ReadOnlySpan<byte> Digits => "0123456789abcdef"u8;

    public static void WriteLower(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[2 * i] = Digits[source[i] >> 4];
            destination[(2 * i) + 1] = Digits[source[i] & 0xF];
        }
    }

    public static int Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
