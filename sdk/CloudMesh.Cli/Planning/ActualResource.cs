using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Cli.Planning;

/// <summary>A resource as it exists on the server (from DescribeXxx and ListTagsForResource).</summary>
/// <param name="Id">Kind, mesh, parent (empty when the kind has none) and name.</param>
/// <param name="Spec">The spec as the server returns it.</param>
/// <param name="Tags">The resource's tags; <c>null</c> when they were not fetched (treated as none).</param>
public sealed record ActualResource(ResourceKey Id, JsonObject Spec, IReadOnlyDictionary<string, string>? Tags);
