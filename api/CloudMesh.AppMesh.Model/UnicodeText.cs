namespace CloudMesh.AppMesh.Model;

/// <summary>Checks on UTF-16 text that came from clients (JSON can carry lone surrogate escapes, which are not Unicode).</summary>
public static class UnicodeText
{
    /// <summary>The index of the first surrogate that is not part of a pair, or -1 when the text is well-formed.</summary>
    public static int FirstUnpairedSurrogate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary><paramref name="text"/> with every unpaired surrogate replaced by U+FFFD (safe to write as JSON).</summary>
    public static string WellFormed(string text)
    {
        var first = FirstUnpairedSurrogate(text);
        if (first < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = first; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
