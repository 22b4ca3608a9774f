using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Manifests;

/// <summary>Finishes a resource read from YAML: drops null members and records where each member and tag is written.</summary>
internal static class DesiredResourceFactory
{
    internal static DesiredResource Create(
        ResourceKey id,
        JsonObject spec,
        SourceLocation specLocation,
        IReadOnlyDictionary<string, string>? tags,
        IReadOnlyDictionary<string, SourceLocation> tagLocations,
        SourceLocation location,
        SourceMap sourceMap)
    {
        RemoveNullMembers(spec);
        var paths = sourceMap.Paths("spec", spec, specLocation);
        foreach (var (key, tagLocation) in tagLocations)
        {
            paths[$"tags.{key}"] = tagLocation;
        }

        return new DesiredResource(id, spec, tags, location) { Members = new MemberLocationMap(location, paths) };
    }

    // YAML `member: ~` means "not set"; App Mesh treats an absent member the same, so send neither.
    private static void RemoveNullMembers(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(name);
                }

                foreach (var (_, child) in obj)
                {
                    RemoveNullMembers(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RemoveNullMembers(child);
                }

                break;
        }
    }
}
