using System.Linq;
using CloudMesh.Sdk.Generator.Model;
using CloudMesh.Sdk.Generator.Naming;

namespace CloudMesh.Sdk.Generator.Emit;

/// <summary>
/// Emits one response unmarshaller per operation on AWSSDK.Core's <c>JsonResponseUnmarshaller</c>: a payload member
/// is the whole body (CreateMesh's <c>mesh</c>), other members are body properties (ListMeshes' <c>meshes</c>,
/// <c>nextToken</c>); errors go to the shared <c>AppMeshErrorUnmarshaller</c>.
/// </summary>
internal sealed class ResponseUnmarshallerEmitter
{
    private readonly SdkNames _names;
    private readonly JsonValueCode _values;

    public ResponseUnmarshallerEmitter(SdkNames names, JsonValueCode values)
    {
        _names = names;
        _values = values;
    }

    public string Emit(Operation operation)
    {
        var output = operation.Output;
        var responseType = _names.QualifiedName(output);
        var className = operation.Name + "ResponseUnmarshaller";
        var writer = new CodeWriter();
        writer.Open($"namespace {SdkNames.TransformNamespace}");
        DocComments.Summary(writer, $"Unmarshals the response of the {operation.Name} operation into <see cref=\"{responseType}\"/>.");
        writer.Open($"public class {className} : global::Amazon.Runtime.Internal.Transform.JsonResponseUnmarshaller");
        DocComments.Summary(writer, "The shared instance (unmarshallers hold no state).");
        writer.Line($"public static {className} Instance {{ get; }} = new {className}();");
        writer.Line();
        DocComments.Summary(writer, "Reads a successful response.");
        writer.Line("/// <param name=\"context\">The response context; its stream is the body.</param>");
        writer.Line("/// <returns>The typed response.</returns>");
        writer.Open("public override global::Amazon.Runtime.AmazonWebServiceResponse Unmarshall(global::Amazon.Runtime.Internal.Transform.JsonUnmarshallerContext context)");
        writer.Line($"var response = new {responseType}();");
        var bodyMembers = output.Members.Where(m => m.InBody).ToList();
        if (bodyMembers.Count > 0)
        {
            writer.Line("using var document = global::CloudMesh.Sdk.AppMesh.Internal.AppMeshWire.ParseBody(context.Stream);");
            writer.Open("if (document is not null)");
            var payload = output.Payload is null ? null : output.Members.First(m => m.Name == output.Payload);
            if (payload is not null)
            {
                writer.Line($"response.{SdkNames.PropertyName(payload)} = {_values.ReadValue(payload.Shape, "document.RootElement", false, 0)};");
            }
            else
            {
                writer.Open($"foreach (var property in global::CloudMesh.Sdk.AppMesh.Internal.AppMeshWire.Members(document.RootElement, {SdkNames.Literal(output.Name)}))");
                writer.Open("switch (property.Name)");
                foreach (var member in bodyMembers)
                {
                    _values.ReadMemberCase(writer, member, "response");
                }

                writer.Close();
                writer.Close();
            }

            writer.Close();
        }

        writer.Line("return response;");
        writer.Close();
        writer.Line();
        DocComments.Summary(writer, "Turns an error response into the typed exception for its error code.");
        writer.Line("/// <param name=\"context\">The response context.</param>");
        writer.Line("/// <param name=\"innerException\">The HTTP-level exception.</param>");
        writer.Line("/// <param name=\"statusCode\">The HTTP status code.</param>");
        writer.Line("/// <returns>The exception to throw.</returns>");
        writer.Line("public override global::Amazon.Runtime.AmazonServiceException UnmarshallException(global::Amazon.Runtime.Internal.Transform.JsonUnmarshallerContext context, global::System.Exception innerException, global::System.Net.HttpStatusCode statusCode) =>");
        writer.Line("    AppMeshErrorUnmarshaller.Unmarshall(context, innerException, statusCode);");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
