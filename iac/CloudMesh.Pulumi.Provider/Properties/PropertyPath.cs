using System.Text;
using System.Text.RegularExpressions;

namespace CloudMesh.Pulumi.Provider.Properties;

/// <summary>
/// Pulumi property paths (<c>spec.listeners[0].portMapping.port</c>, <c>tags["app.kubernetes.io/name"]</c>): what
/// CheckFailure.property and DiffResponse.detailedDiff keys name.
/// </summary>
internal static partial class PropertyPath
{
    /// <summary>Appends an object key: dotted when it is a plain identifier, bracketed and quoted otherwise.</summary>
    public static string Key(string parent, string key)
    {
        if (Identifier().IsMatch(key))
        {
            return parent.Length == 0 ? key : parent + "." + key;
        }

        var quoted = new StringBuilder("[\"");
        foreach (var c in key)
        {
            quoted.Append(c is '"' or '\\' ? "\\" + c : c.ToString());
        }

        return parent + quoted.Append("\"]");
    }

    /// <summary>Appends an array index.</summary>
    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>True when <paramref name="path"/> is <paramref name="prefix"/> or lies under it.</summary>
    public static bool IsWithin(string path, string prefix) =>
        path == prefix || (path.StartsWith(prefix, StringComparison.Ordinal) && path[prefix.Length] is '.' or '[');

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
