namespace CloudMesh.Api.Persistence.Entities;

/// <summary>
/// The columns a List operation returns for each resource (no spec, tags or references), so listings read and
/// materialize only what they render.
/// </summary>
public sealed record ResourceSummary(
    string AccountId,
    string Kind,
    string MeshName,
    string ParentName,
    string Name,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
