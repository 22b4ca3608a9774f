using CloudMesh.Sdk.Generator.Model;
using CloudMesh.Sdk.Generator.Naming;

namespace CloudMesh.Sdk.Generator.Emit;

/// <summary>Emits one exception class per error shape, deriving <c>AmazonAppMeshException</c> with aws-sdk-net's constructors.</summary>
internal static class ExceptionEmitter
{
    public static string Emit(Shape shape)
    {
        var name = shape.Name;
        var writer = new CodeWriter();
        writer.Open($"namespace {SdkNames.ModelNamespace}");
        DocComments.Summary(writer, $"The App Mesh error <c>{name}</c>: the service answered HTTP {shape.ErrorStatusCode} with this error code." +
                                    (shape.IsRetryable ? " The SDK retries it." : ""));
        writer.Open($"public partial class {name} : global::{SdkNames.ServiceNamespace}.AmazonAppMeshException");
        DocComments.Summary(writer, $"Constructs a new {name} with the specified error message.");
        writer.Line("/// <param name=\"message\">Describes the error encountered.</param>");
        writer.Line($"public {name}(string message) : base(message)");
        writer.Line("{");
        writer.Line("}");
        writer.Line();
        DocComments.Summary(writer, $"Constructs a new {name} with a message and the exception that caused it.");
        writer.Line("/// <param name=\"message\">Describes the error encountered.</param>");
        writer.Line("/// <param name=\"innerException\">The exception that caused this one.</param>");
        writer.Line($"public {name}(string message, global::System.Exception innerException) : base(message, innerException)");
        writer.Line("{");
        writer.Line("}");
        writer.Line();
        DocComments.Summary(writer, $"Constructs a new {name} from the exception that caused it.");
        writer.Line("/// <param name=\"innerException\">The exception that caused this one.</param>");
        writer.Line($"public {name}(global::System.Exception innerException) : base(innerException)");
        writer.Line("{");
        writer.Line("}");
        writer.Line();
        DocComments.Summary(writer, $"Constructs a new {name} with everything the service returned.");
        writer.Line("/// <param name=\"message\">Describes the error encountered.</param>");
        writer.Line("/// <param name=\"innerException\">The exception that caused this one.</param>");
        writer.Line("/// <param name=\"errorType\">Whether the sender or the service is at fault.</param>");
        writer.Line("/// <param name=\"errorCode\">The error code (the <c>x-amzn-ErrorType</c> header).</param>");
        writer.Line("/// <param name=\"requestId\">The request id (the <c>x-amzn-RequestId</c> header).</param>");
        writer.Line("/// <param name=\"statusCode\">The HTTP status code.</param>");
        writer.Line($"public {name}(string message, global::System.Exception? innerException, global::Amazon.Runtime.ErrorType errorType, string? errorCode, string? requestId, global::System.Net.HttpStatusCode statusCode)");
        writer.Line("    : base(message, innerException, errorType, errorCode, requestId, statusCode)");
        writer.Line("{");
        writer.Line("}");
        writer.Line();
        DocComments.Summary(writer, $"Constructs a new {name} with everything the service returned, without an inner exception.");
        writer.Line("/// <param name=\"message\">Describes the error encountered.</param>");
        writer.Line("/// <param name=\"errorType\">Whether the sender or the service is at fault.</param>");
        writer.Line("/// <param name=\"errorCode\">The error code (the <c>x-amzn-ErrorType</c> header).</param>");
        writer.Line("/// <param name=\"requestId\">The request id (the <c>x-amzn-RequestId</c> header).</param>");
        writer.Line("/// <param name=\"statusCode\">The HTTP status code.</param>");
        writer.Line($"public {name}(string message, global::Amazon.Runtime.ErrorType errorType, string? errorCode, string? requestId, global::System.Net.HttpStatusCode statusCode)");
        writer.Line("    : base(message, errorType, errorCode, requestId, statusCode)");
        writer.Line("{");
        writer.Line("}");
        if (shape.IsRetryable)
        {
            writer.Line();
            DocComments.Summary(writer, shape.RetryableThrottling
                ? "The model marks this error retryable as throttling: the SDK's retry policy backs off and retries it."
                : "The model marks this error retryable: the SDK's retry policy retries it.");
            writer.Line($"public override global::Amazon.Runtime.RetryableDetails Retryable => new global::Amazon.Runtime.RetryableDetails({(shape.RetryableThrottling ? "true" : "false")});");
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
