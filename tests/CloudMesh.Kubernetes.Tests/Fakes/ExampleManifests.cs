using System.Text.Json.Nodes;
using CloudMesh.Manifests;

namespace CloudMesh.Kubernetes.Tests.Fakes;

/// <summary>App Mesh's example manifests (shared with the CLI's tests), read into JSON objects as kubectl would send them.</summary>
internal static class ExampleManifests
{
    internal static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", file);

    /// <summary>The howto-k8s-http-headers walkthrough: Mesh, 3 VirtualNodes, 2 VirtualServices, a VirtualRouter, a VirtualGateway, a GatewayRoute.</summary>
    internal static IReadOnlyList<JsonObject> Colorapp() => Read("colorapp.k8s.yaml");

    /// <summary>Every YAML document of a test data file, converted with the manifest loader's YAML rules.</summary>
    internal static IReadOnlyList<JsonObject> Read(string file)
    {
        var errors = new List<ManifestError>();
        var documents = ManifestFileParser.Parse(new ManifestSource(file, File.ReadAllText(Path(file))), new SourceMap(), errors);
        if (errors.Count > 0)
        {
            throw new ManifestException(errors);
        }

        return documents.Select(d => (JsonObject)d.Root.DeepClone()).ToList();
    }
}
