namespace CloudMesh.Api.AppMesh;

/// <summary>What an App Mesh operation does: one of five verbs on a resource kind, or one of the tag operations.</summary>
public enum OperationVerb
{
    /// <summary>Create a resource.</summary>
    Create,
    /// <summary>Read one resource.</summary>
    Describe,
    /// <summary>Replace a resource's spec.</summary>
    Update,
    /// <summary>Delete a resource.</summary>
    Delete,
    /// <summary>Page through the resources of a kind in a container.</summary>
    List,
    /// <summary>Add or overwrite tags.</summary>
    TagResource,
    /// <summary>Remove tags.</summary>
    UntagResource,
    /// <summary>Page through a resource's tags.</summary>
    ListTagsForResource,
}
