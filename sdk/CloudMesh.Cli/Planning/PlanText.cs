using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Cli.Planning;

/// <summary>How plans name resources and print values: one place, so steps, changes and errors read alike.</summary>
public static class PlanText
{
    // Relaxed escaping: a plan is read by people, so '<', '&' and non-ASCII stay as written.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>mesh colors</c>, <c>virtualNode colors/colors-v1</c>, <c>route colors/colors-router/split</c>.</summary>
    public static string Resource(ResourceKey id) => id.Kind switch
    {
        { IsMesh: true } => $"mesh {id.MeshName}",
        { Parent: not null } => $"{id.Kind.Name} {id.MeshName}/{id.ParentName}/{id.Name}",
        _ => $"{id.Kind.Name} {id.MeshName}/{id.Name}",
    };

    /// <summary>A JSON value on one line: strings quoted, numbers and objects as compact JSON.</summary>
    public static string Value(JsonNode? value) => value is null ? "null" : value.ToJsonString(Readable);

    /// <summary>A string as a JSON string literal.</summary>
    public static string Quote(string? text) => text is null ? "null" : JsonSerializer.Serialize(text, Readable);
}
