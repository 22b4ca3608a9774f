using CloudMesh.Sdk.Generator.Model;
using CloudMesh.Sdk.Generator.Naming;

namespace CloudMesh.Sdk.Generator.Emit;

/// <summary>
/// Emits one JSON codec per model structure (<c>MeshSpecJsonCodec</c>): <c>Write</c> sends only set members,
/// <c>Read</c> ignores unknown members and nulls. The marshallers, unmarshallers and <c>AppMeshJson</c> all use them.
/// </summary>
internal sealed class JsonCodecEmitter
{
    private readonly SdkNames _names;
    private readonly JsonValueCode _values;

    public JsonCodecEmitter(SdkNames names, JsonValueCode values)
    {
        _names = names;
        _values = values;
    }

    public string Emit(Shape shape)
    {
        var type = _names.QualifiedName(shape);
        var writer = new CodeWriter();
        writer.Open($"namespace {SdkNames.TransformNamespace}");
        DocComments.Summary(writer, $"Reads and writes <see cref=\"{type}\"/> in the rest-json wire format.");
        writer.Open($"internal static class {_names.ClassName(shape)}JsonCodec");
        writer.Open($"public static void Write(global::System.Text.Json.Utf8JsonWriter writer, {type} value)");
        writer.Line("writer.WriteStartObject();");
        foreach (var member in shape.Members)
        {
            _values.WriteMember(writer, member, "value");
        }

        writer.Line("writer.WriteEndObject();");
        writer.Close();
        writer.Line();
        writer.Open($"public static {type} Read(global::System.Text.Json.JsonElement element)");
        writer.Line($"var value = new {type}();");
        writer.Open($"foreach (var property in global::CloudMesh.Sdk.AppMesh.Internal.AppMeshWire.Members(element, {SdkNames.Literal(shape.Name)}))");
        if (shape.Members.Count > 0)
        {
            writer.Open("switch (property.Name)");
            foreach (var member in shape.Members)
            {
                _values.ReadMemberCase(writer, member, "value");
            }

            writer.Close();
        }

        writer.Close();
        writer.Line("return value;");
        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
