using System.Text;
using System.Text.RegularExpressions;

namespace CloudMesh.AppMesh.Model;

/// <summary>
/// Compiles the model's <c>pattern</c> strings with ECMA-262 meaning, as Smithy defines them: a value is valid when the
/// pattern matches anywhere in it (no implicit anchoring), and <c>$</c> means end of input.
/// </summary>
internal static class ModelPattern
{
    /// <summary>Bounds a single match so a pathological pattern or value cannot stall a request.</summary>
    internal static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    internal static Regex Compile(string pattern) =>
        new(ToDotNet(pattern), RegexOptions.ECMAScript | RegexOptions.Compiled, MatchTimeout);

    /// <summary>
    /// Rewrites unescaped <c>$</c> outside character classes to <c>(?!\n)$</c>: .NET's <c>$</c> also matches before a
    /// final newline, ECMA-262's only at the end of input.
    /// </summary>
    internal static string ToDotNet(string pattern)
    {
        if (!pattern.Contains('$', StringComparison.Ordinal))
        {
            return pattern;
        }

        var result = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '$' && !inClass)
            {
                result.Append("(?!\\n)$");
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
