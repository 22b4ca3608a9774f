using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CloudMesh.Manifests;

/// <summary>Splits a manifest file into its YAML documents (<c>---</c> streams) and converts each to JSON.</summary>
internal static class ManifestFileParser
{
    /// <summary>The non-empty documents of <paramref name="source"/>; syntax errors are added to <paramref name="errors"/>.</summary>
    internal static IReadOnlyList<ManifestDocument> Parse(ManifestSource source, SourceMap sourceMap, List<ManifestError> errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(source.Text));
        }
        catch (YamlException e)
        {
            var location = new SourceLocation(source.Name, checked((int)e.Start.Line), checked((int)e.Start.Column));
            errors.Add(new ManifestError(location, $"invalid YAML: {InnermostMessage(e)}"));
            return [];
        }

        var converter = new YamlJsonConverter(source.Name, sourceMap, errors);
        var documents = new List<ManifestDocument>();
        foreach (var document in stream.Documents)
        {
            var location = converter.LocationOf(document.RootNode.Start);
            switch (converter.Convert(document.RootNode))
            {
                case null:
                    break; // an empty document, e.g. after a trailing '---'
                case JsonObject root:
                    documents.Add(new ManifestDocument(root, location));
                    break;
                default:
                    errors.Add(new ManifestError(location, "a manifest document must be a mapping (apiVersion/kind/metadata/spec, or 'cloudmesh: v1')"));
                    break;
            }
        }

        return documents;
    }

    // YamlDotNet wraps the scanner's message ("While parsing a block mapping...") around the real cause.
    private static string InnermostMessage(YamlException e)
    {
        Exception current = e;
        while (current.InnerException is YamlException inner)
        {
            current = inner;
        }

        return current.Message;
    }
}
