using System.Text.Json.Nodes;
using CloudMesh.Manifests;
using CloudMesh.Cli.Planning;
using Xunit;

namespace CloudMesh.Cli.Tests.Manifests;

/// <summary>Helpers shared by the manifest tests: loading inline YAML, test data paths and JSON comparison.</summary>
internal static class ManifestTesting
{
    internal static string TestDataPath(string file) => Path.Combine(AppContext.BaseDirectory, "Manifests", "TestData", file);

    internal static IReadOnlyList<DesiredResource> Load(string yaml, string file = "mesh.yaml") =>
        ManifestLoader.Load([new ManifestSource(file, yaml)]);

    /// <summary>The error lines (<c>file:line:column: message</c>) loading the given files produces.</summary>
    internal static IReadOnlyList<string> Errors(params (string File, string Yaml)[] files)
    {
        var exception = Assert.Throws<ManifestException>(() => ManifestLoader.Load(files.Select(f => new ManifestSource(f.File, f.Yaml))));
        return exception.Errors.Select(e => e.ToString()).ToList();
    }

    internal static IReadOnlyList<string> Errors(string yaml) => Errors(("mesh.yaml", yaml));

    /// <summary>The resources as <c>[{resource, spec}]</c> with keys sorted, for comparison with a golden file.</summary>
    internal static string Describe(IEnumerable<DesiredResource> resources) =>
        Canonical(new JsonArray(resources.Select(r => (JsonNode)new JsonObject
        {
            ["resource"] = PlanText.Resource(r.Id),
            ["spec"] = r.Spec.DeepClone(),
        }).ToArray()));

    /// <summary>JSON text with object members sorted, so member order does not affect comparisons.</summary>
    internal static string Canonical(JsonNode? node) => Sorted(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
