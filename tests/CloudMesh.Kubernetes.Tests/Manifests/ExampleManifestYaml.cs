using System.Text.Json.Nodes;
using CloudMesh.Manifests;

namespace CloudMesh.Kubernetes.Tests.Manifests;

/// <summary>Reads any YAML file into JSON with the manifest loader's rules (numbers, booleans and nulls as YAML 1.2 core).</summary>
internal static class ExampleManifestYaml
{
    internal static IReadOnlyList<JsonObject> ReadJson(string path)
    {
        var errors = new List<ManifestError>();
        var documents = ManifestFileParser.Parse(new ManifestSource(path, File.ReadAllText(path)), new SourceMap(), errors);
        if (errors.Count > 0)
        {
            throw new ManifestException(errors);
        }

        return documents.Select(d => d.Root).ToList();
    }
}
