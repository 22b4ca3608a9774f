using System.Text.Json.Nodes;

namespace CloudMesh.Kubernetes.Client;

/// <summary>The type of a watch event, as the API server spells it in <c>type</c>.</summary>
public enum WatchEventType
{
    /// <summary><c>ADDED</c>.</summary>
    Added,

    /// <summary><c>MODIFIED</c>.</summary>
    Modified,

    /// <summary><c>DELETED</c>: the object is the last state before deletion.</summary>
    Deleted,

    /// <summary><c>BOOKMARK</c>: only metadata.resourceVersion is meaningful; a point to resume watching from.</summary>
    Bookmark,

    /// <summary><c>ERROR</c>: the object is a <c>Status</c> (410 means the resourceVersion is too old).</summary>
    Error,
}

/// <summary>One event of a watch stream.</summary>
/// <param name="Type">What happened.</param>
/// <param name="Object">The object (a <c>Status</c> for <see cref="WatchEventType.Error"/>).</param>
public sealed record WatchEvent(WatchEventType Type, JsonObject Object)
{
    /// <summary>Parses the wire name (<c>ADDED</c>...); null for an unknown one.</summary>
    public static WatchEventType? ParseType(string? type) => type switch
    {
        "ADDED" => WatchEventType.Added,
        "MODIFIED" => WatchEventType.Modified,
        "DELETED" => WatchEventType.Deleted,
        "BOOKMARK" => WatchEventType.Bookmark,
        "ERROR" => WatchEventType.Error,
        _ => null,
    };

    /// <summary>The wire name of <paramref name="type"/>.</summary>
    public static string Format(WatchEventType type) => type.ToString().ToUpperInvariant();
}
