using System.Text.Json;

namespace CloudMesh.Sdk.AppMesh.Internal;

/// <summary>The generated reader and writer of one model structure, as <see cref="AppMeshJson"/> looks them up by type.</summary>
internal sealed class ModelJsonCodec(Action<Utf8JsonWriter, object> write, Func<JsonElement, object> read)
{
    public void Write(Utf8JsonWriter writer, object value) => write(writer, value);

    public object Read(JsonElement element) => read(element);
}
