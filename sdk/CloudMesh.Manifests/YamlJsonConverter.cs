using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CloudMesh.Manifests;

/// <summary>Converts one YAML document's nodes to JSON, recording every member's and element's position.</summary>
internal sealed class YamlJsonConverter(string file, SourceMap sourceMap, List<ManifestError> errors)
{
    internal SourceLocation LocationOf(Mark mark) => new(file, checked((int)mark.Line), checked((int)mark.Column));

    /// <summary>The JSON form of <paramref name="node"/>; <c>null</c> for a YAML null.</summary>
    internal JsonNode? Convert(YamlNode node)
    {
        JsonNode? result = node switch
        {
            YamlScalarNode scalar => YamlScalarResolver.Resolve(scalar),
            YamlSequenceNode sequence => ConvertSequence(sequence),
            YamlMappingNode mapping => ConvertMapping(mapping),
            _ => null,
        };
        if (result is not null)
        {
            sourceMap.RecordNode(result, LocationOf(node.Start));
        }

        return result;
    }

    private JsonArray ConvertSequence(YamlSequenceNode sequence)
    {
        var array = new JsonArray();
        foreach (var child in sequence.Children)
        {
            array.Add(Convert(child));
        }

        return array;
    }

    private JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var obj = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var keyLocation = LocationOf(keyNode.Start);
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                errors.Add(new ManifestError(keyLocation, "a mapping key must be a plain string, not a sequence or mapping"));
                continue;
            }

            if (obj.ContainsKey(key))
            {
                var first = sourceMap.MemberLocation(obj, key);
                errors.Add(new ManifestError(keyLocation, $"duplicate key '{key}' (first at {first})"));
                continue;
            }

            obj[key] = Convert(valueNode);
            sourceMap.RecordMember(obj, key, keyLocation);
        }

        return obj;
    }
}
