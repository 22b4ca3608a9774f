using System.Linq;
using CloudMesh.Sdk.Generator.Model;
using CloudMesh.Sdk.Generator.Naming;

namespace CloudMesh.Sdk.Generator.Emit;

/// <summary>
/// Emits the type table behind the public <c>AppMeshJson</c> converter: each model structure mapped to its generated
/// codec, so conversion needs no reflection.
/// </summary>
internal static class AppMeshJsonEmitter
{
    public static string Emit(ServiceModel model, SdkNames names)
    {
        var writer = new CodeWriter();
        writer.Open($"namespace {SdkNames.ServiceNamespace}");
        writer.Open("public static partial class AppMeshJson");
        writer.Line("private static readonly global::System.Collections.Generic.Dictionary<global::System.Type, global::CloudMesh.Sdk.AppMesh.Internal.ModelJsonCodec> Codecs = new()");
        writer.Line("{");
        foreach (var shape in model.Shapes.Where(names.IsModelStructure))
        {
            var type = names.QualifiedName(shape);
            var codec = names.CodecName(shape);
            writer.Line($"    [typeof({type})] = new((writer, value) => {codec}.Write(writer, ({type})value), element => {codec}.Read(element)),");
        }

        writer.Line("};");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
