using System.Text.Json.Nodes;

namespace CloudMesh.Manifests;

/// <summary>One YAML document of a manifest file, converted to JSON with positions recorded in the load's source map.</summary>
/// <param name="Root">The document's top-level mapping.</param>
/// <param name="Location">Where the document's content starts.</param>
internal sealed record ManifestDocument(JsonObject Root, SourceLocation Location);
