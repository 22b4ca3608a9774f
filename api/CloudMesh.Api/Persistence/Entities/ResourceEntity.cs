namespace CloudMesh.Api.Persistence.Entities;

/// <summary>One App Mesh resource of any kind: identity columns, the spec as jsonb, tags, and metadata.</summary>
public sealed class ResourceEntity : ITenantOwned
{
    /// <summary>Surrogate key.</summary>
    public Guid Id { get; set; }
    /// <inheritdoc />
    public string AccountId { get; set; } = "";
    /// <summary>The kind's camel-case name (<c>virtualNode</c>).</summary>
    public required string Kind { get; set; }
    /// <summary>The mesh (for a mesh, its own name).</summary>
    public required string MeshName { get; set; }
    /// <summary>The router or gateway a route or gateway route belongs to; empty otherwise.</summary>
    public required string ParentName { get; set; }
    /// <summary>The resource's name.</summary>
    public required string Name { get; set; }
    /// <summary>The spec, as JSON.</summary>
    public required string Spec { get; set; }
    /// <summary>The tags, as a JSON array of <c>{"key","value"}</c>.</summary>
    public required string Tags { get; set; }
    /// <summary>References to other resources of the mesh (<c>virtualNode/web</c>), for in-use checks.</summary>
    public required string[] Refs { get; set; }
    /// <summary>Starts at 1, incremented by exactly one on every update.</summary>
    public long Version { get; set; }
    /// <summary>The resource's unique id (metadata.uid).</summary>
    public required string Uid { get; set; }
    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Last update time.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
