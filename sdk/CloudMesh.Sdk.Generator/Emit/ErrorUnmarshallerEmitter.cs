using System.Linq;
using CloudMesh.Sdk.Generator.Model;
using CloudMesh.Sdk.Generator.Naming;

namespace CloudMesh.Sdk.Generator.Emit;

/// <summary>
/// Emits the error mapping: AWSSDK.Core's <c>JsonErrorResponseUnmarshaller</c> reads the code (the
/// <c>x-amzn-ErrorType</c> header), message and request id; each modelled code becomes its exception class, and any
/// other code (e.g. SigV4's InvalidSignatureException) an <c>AmazonAppMeshException</c> carrying that code.
/// </summary>
internal static class ErrorUnmarshallerEmitter
{
    public static string Emit(ServiceModel model, SdkNames names)
    {
        var writer = new CodeWriter();
        writer.Open($"namespace {SdkNames.TransformNamespace}");
        DocComments.Summary(writer, "Maps App Mesh error responses to typed exceptions.");
        writer.Open("public static class AppMeshErrorUnmarshaller");
        DocComments.Summary(writer, "Reads an error response and returns the exception for its error code.");
        writer.Line("/// <param name=\"context\">The response context.</param>");
        writer.Line("/// <param name=\"innerException\">The HTTP-level exception.</param>");
        writer.Line("/// <param name=\"statusCode\">The HTTP status code.</param>");
        writer.Line("/// <returns>The exception to throw.</returns>");
        writer.Open("public static global::Amazon.Runtime.AmazonServiceException Unmarshall(global::Amazon.Runtime.Internal.Transform.JsonUnmarshallerContext context, global::System.Exception innerException, global::System.Net.HttpStatusCode statusCode)");
        writer.Line("var reader = new global::Amazon.Runtime.Internal.Util.StreamingUtf8JsonReader(context.Stream);");
        writer.Line("var error = global::Amazon.Runtime.Internal.Transform.JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);");
        writer.Line("var message = error.Message ?? $\"The service returned HTTP {(int)statusCode} {error.Code}.\";");
        writer.Open("return error.Code switch");
        foreach (var shape in model.Shapes.Where(s => s.IsException))
        {
            writer.Line($"{SdkNames.Literal(shape.Name)} => new {names.QualifiedName(shape)}(message, innerException, error.Type, error.Code, error.RequestId, statusCode),");
        }

        writer.Line($"_ => new global::{SdkNames.ServiceNamespace}.AmazonAppMeshException(message, innerException, error.Type, error.Code, error.RequestId, statusCode),");
        writer.Close(";");
        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
