using System.Text.Json.Nodes;

namespace CloudMesh.Manifests;

/// <summary>
/// Remembers where each JSON node read from YAML was written: values by node identity, members by (object, name),
/// because a member whose value is null has no node to key on. Moving or renaming a member keeps its position, so a
/// translated Kubernetes spec still points at the lines the author wrote. Single-threaded; one per load.
/// </summary>
internal sealed class SourceMap
{
    private readonly Dictionary<JsonNode, SourceLocation> _nodes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonObject, Dictionary<string, SourceLocation>> _members = new(ReferenceEqualityComparer.Instance);

    internal void RecordNode(JsonNode node, SourceLocation location) => _nodes[node] = location;

    internal void RecordMember(JsonObject owner, string name, SourceLocation location)
    {
        if (!_members.TryGetValue(owner, out var members))
        {
            members = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
            _members[owner] = members;
        }

        members[name] = location;
    }

    internal SourceLocation? NodeLocation(JsonNode? node) =>
        node is not null && _nodes.TryGetValue(node, out var location) ? location : null;

    internal SourceLocation? MemberLocation(JsonObject owner, string name) =>
        _members.TryGetValue(owner, out var members) && members.TryGetValue(name, out var location) ? location : null;

    /// <summary>Where a member is written, else where its object is, else <paramref name="fallback"/>.</summary>
    internal SourceLocation Locate(JsonObject owner, string name, SourceLocation fallback) =>
        MemberLocation(owner, name) ?? NodeLocation(owner) ?? fallback;

    /// <summary>Renames a member in place, keeping its value and its recorded position.</summary>
    internal void RenameMember(JsonObject owner, string from, string to)
    {
        if (!owner.Remove(from, out var value))
        {
            return;
        }

        owner[to] = value;
        if (MemberLocation(owner, from) is { } location)
        {
            RecordMember(owner, to, location);
        }
    }

    /// <summary>Replaces a member by another with a new value, reported at the replaced member's position.</summary>
    internal void ReplaceMember(JsonObject owner, string from, string to, JsonNode? value)
    {
        var location = MemberLocation(owner, from);
        owner.Remove(from);
        owner[to] = value;
        if (location is not null)
        {
            RecordMember(owner, to, location);
        }
    }

    /// <summary>Builds the path → position map of a finished resource (spec members under <c>spec</c>).</summary>
    internal Dictionary<string, SourceLocation> Paths(string rootPath, JsonNode? root, SourceLocation rootLocation)
    {
        var paths = new Dictionary<string, SourceLocation>(StringComparer.Ordinal) { [rootPath] = rootLocation };
        Walk(rootPath, root, rootLocation, paths);
        return paths;
    }

    private void Walk(string path, JsonNode? node, SourceLocation location, Dictionary<string, SourceLocation> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var childPath = $"{path}.{name}";
                    var childLocation = MemberLocation(obj, name) ?? NodeLocation(child) ?? location;
                    paths[childPath] = childLocation;
                    Walk(childPath, child, childLocation, paths);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var childPath = $"{path}[{i}]";
                    var childLocation = NodeLocation(array[i]) ?? location;
                    paths[childPath] = childLocation;
                    Walk(childPath, array[i], childLocation, paths);
                }

                break;
        }
    }
}
