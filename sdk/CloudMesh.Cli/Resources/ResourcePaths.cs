using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Cli.Resources;

/// <summary>How the CLI names a resource in its messages: <c>mesh/name</c> or <c>mesh/parent/name</c>.</summary>
internal static class ResourcePaths
{
    /// <summary>The resource's path.</summary>
    public static string Of(ResourceKey key) => key.Kind switch
    {
        { IsMesh: true } => key.MeshName,
        { Parent: not null } => $"{key.MeshName}/{key.ParentName}/{key.Name}",
        _ => $"{key.MeshName}/{key.Name}",
    };
}
