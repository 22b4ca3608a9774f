using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.Sdk.AppMesh.Internal;

namespace CloudMesh.Sdk.AppMesh;

/// <summary>
/// Converts App Mesh model structures (specs, data, refs, ... in <c>CloudMesh.Sdk.AppMesh.Model</c>) to and from the
/// API's wire JSON, e.g. a <c>VirtualNodeSpec</c> read from a YAML/JSON file. The conversions are generated per type
/// from the service model; no reflection is involved.
/// </summary>
public static partial class AppMeshJson
{
    /// <summary>Serializes a model structure to its wire JSON (only members that are set appear).</summary>
    /// <typeparam name="T">A generated model structure type.</typeparam>
    /// <param name="value">The value to serialize.</param>
    /// <returns>The JSON object.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not a model structure.</exception>
    public static JsonObject Serialize<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        var codec = CodecFor(value.GetType());
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            codec.Write(writer, value);
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    /// <summary>Deserializes wire JSON into a model structure; unknown members are ignored, as the SDK does for responses.</summary>
    /// <typeparam name="T">A generated model structure type.</typeparam>
    /// <param name="json">A JSON object in the wire format.</param>
    /// <returns>The model structure.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not a model structure.</exception>
    /// <exception cref="JsonException">The JSON does not have the structure's shape.</exception>
    public static T Deserialize<T>(JsonNode json)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        var codec = CodecFor(typeof(T));
        using var document = JsonDocument.Parse(json.ToJsonString());
        return (T)codec.Read(document.RootElement);
    }

    /// <summary>Whether <paramref name="type"/> is a model structure this converter handles.</summary>
    /// <param name="type">The type to check.</param>
    /// <returns>True for generated model structures.</returns>
    public static bool Supports(Type type) => Codecs.ContainsKey(type);

    private static ModelJsonCodec CodecFor(Type type) =>
        Codecs.TryGetValue(type, out var codec)
            ? codec
            : throw new ArgumentException($"{type.FullName} is not an App Mesh model structure (requests, responses and errors are not converted).", nameof(type));
}
