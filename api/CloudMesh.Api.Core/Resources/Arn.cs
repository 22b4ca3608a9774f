namespace CloudMesh.Api.Core.Resources;

/// <summary>
/// App Mesh ARNs: <c>arn:aws:appmesh:&lt;region&gt;:&lt;account&gt;:mesh/&lt;mesh&gt;[/&lt;kind&gt;/&lt;name&gt;]</c>, with
/// routes and gateway routes nested under their router or gateway
/// (<c>mesh/m/virtualRouter/r/route/n</c>).
/// </summary>
public static class Arn
{
    private const string Prefix = "arn:aws:appmesh:";

    /// <summary>Formats the ARN of a resource owned by <paramref name="accountId"/>.</summary>
    public static string Format(string region, string accountId, ResourceKey key)
    {
        var resource = key.Kind switch
        {
            { IsMesh: true } => $"mesh/{key.MeshName}",
            { Parent: { } parent } => $"mesh/{key.MeshName}/{parent.Name}/{key.ParentName}/{key.Kind.Name}/{key.Name}",
            _ => $"mesh/{key.MeshName}/{key.Kind.Name}/{key.Name}",
        };
        return $"{Prefix}{region}:{accountId}:{resource}";
    }

    /// <summary>
    /// Parses an App Mesh ARN. Returns false with a reason when the text is not one; region and account are
    /// returned as written so the caller decides what a mismatch means.
    /// </summary>
    public static bool TryParse(string arn, out ParsedArn parsed, out string error)
    {
        parsed = default;
        if (!arn.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = $"'{arn}' is not an App Mesh ARN (expected it to start with '{Prefix}').";
            return false;
        }

        var parts = arn[Prefix.Length..].Split(':', 3);
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            error = $"'{arn}' is not a valid ARN: expected arn:aws:appmesh:<region>:<account>:mesh/<name>[/...].";
            return false;
        }

        var segments = parts[2].Split('/');
        if (segments.Length < 2 || segments[0] != "mesh" || segments[1].Length == 0)
        {
            error = $"'{arn}' does not name an App Mesh resource: the resource part must start with 'mesh/<meshName>'.";
            return false;
        }

        var mesh = segments[1];
        ResourceKey? key = segments.Length switch
        {
            2 => ResourceKey.ForMesh(mesh),
            4 => ChildKey(segments[2], mesh, "", segments[3]),
            6 => NestedKey(segments[2], segments[3], segments[4], mesh, segments[5]),
            _ => null,
        };
        if (key is null)
        {
            error = $"'{arn}' does not name an App Mesh resource kind this API knows.";
            return false;
        }

        parsed = new ParsedArn(parts[0], parts[1], key.Value);
        error = "";
        return true;
    }

    private static ResourceKey? ChildKey(string kindName, string mesh, string parent, string name)
    {
        var kind = ResourceKinds.FindByName(kindName);
        if (kind is null || kind.IsMesh || kind.Parent is not null || name.Length == 0)
        {
            return null;
        }

        return new ResourceKey(kind, mesh, parent, name);
    }

    private static ResourceKey? NestedKey(string parentKindName, string parentName, string kindName, string mesh, string name)
    {
        var kind = ResourceKinds.FindByName(kindName);
        if (kind?.Parent is null || kind.Parent.Name != parentKindName || parentName.Length == 0 || name.Length == 0)
        {
            return null;
        }

        return new ResourceKey(kind, mesh, parentName, name);
    }
}

/// <summary>The parts of a parsed App Mesh ARN.</summary>
public readonly record struct ParsedArn(string Region, string AccountId, ResourceKey Key);
