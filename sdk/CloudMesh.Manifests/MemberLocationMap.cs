using System.Text;

namespace CloudMesh.Manifests;

/// <summary>
/// Maps member paths of a resource (<c>spec.listeners[0].portMapping.port</c>, <c>tags.team</c>) to where they are
/// written, so errors found after loading (validation, missing references) point at the exact line. Immutable.
/// </summary>
public sealed class MemberLocationMap
{
    private readonly IReadOnlyDictionary<string, SourceLocation> _locations;

    internal MemberLocationMap(SourceLocation resource, IReadOnlyDictionary<string, SourceLocation> locations)
    {
        Resource = resource;
        _locations = locations;
    }

    /// <summary>Where the resource itself is declared: the answer for paths with no better position.</summary>
    public SourceLocation Resource { get; }

    /// <summary>A map that knows only the resource's own location.</summary>
    public static MemberLocationMap Empty(SourceLocation resource) =>
        new(resource, new Dictionary<string, SourceLocation>(StringComparer.Ordinal));

    /// <summary>
    /// Returns where <paramref name="path"/> is written, or where its nearest written ancestor is (a missing
    /// required member is reported at the object that lacks it). Map keys may be written <c>["key"]</c> or <c>.key</c>.
    /// </summary>
    public SourceLocation Locate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var candidate = Normalize(path);
        while (candidate.Length > 0)
        {
            if (_locations.TryGetValue(candidate, out var location))
            {
                return location;
            }

            candidate = Parent(candidate);
        }

        return Resource;
    }

    /// <summary>Rewrites <c>a["k"]</c> as <c>a.k</c>, the form paths are recorded in.</summary>
    private static string Normalize(string path)
    {
        if (!path.Contains("[\"", StringComparison.Ordinal))
        {
            return path;
        }

        var result = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '"')
            {
                result.Append('.');
                i += 2;
                while (i < path.Length && !(path[i] == '"' && i + 1 < path.Length && path[i + 1] == ']'))
                {
                    if (path[i] == '\\' && i + 1 < path.Length)
                    {
                        i++;
                    }

                    result.Append(path[i]);
                    i++;
                }

                i++; // skip the closing bracket; the loop skips the quote
            }
            else
            {
                result.Append(path[i]);
            }
        }

        return result.ToString();
    }

    private static string Parent(string path)
    {
        var cut = path.LastIndexOfAny(['.', '[']);
        return cut <= 0 ? "" : path[..cut];
    }
}
