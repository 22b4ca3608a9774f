using CloudMesh.Sdk.Generator.Model;
using CloudMesh.Sdk.Generator.Naming;

namespace CloudMesh.Sdk.Generator.Emit;

/// <summary>
/// Emits the operation half of <c>IAmazonAppMesh</c> and <c>AmazonAppMeshClient</c> (constructors, pipeline and
/// endpoint wiring are handwritten): one <c>XxxAsync(request, cancellationToken)</c> per operation, invoked through
/// AWSSDK.Core's pipeline with the operation's marshaller and unmarshaller.
/// </summary>
internal sealed class ClientEmitter
{
    private readonly ServiceModel _model;
    private readonly SdkNames _names;
    private readonly DocComments _docs;

    public ClientEmitter(ServiceModel model, SdkNames names, DocComments docs)
    {
        _model = model;
        _names = names;
        _docs = docs;
    }

    public string EmitInterface()
    {
        var writer = new CodeWriter();
        writer.Open($"namespace {SdkNames.ServiceNamespace}");
        writer.Open("public partial interface IAmazonAppMesh");
        foreach (var operation in _model.Operations)
        {
            _docs.ForOperation(writer, operation, true);
            writer.Line($"{Signature(operation)};");
            writer.Line();
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    public string EmitClient()
    {
        var writer = new CodeWriter();
        writer.Open($"namespace {SdkNames.ServiceNamespace}");
        writer.Open("public partial class AmazonAppMeshClient");
        foreach (var operation in _model.Operations)
        {
            _docs.ForOperation(writer, operation, true);
            writer.Open($"public virtual {Signature(operation)}");
            writer.Line("var options = new global::Amazon.Runtime.Internal.InvokeOptions();");
            writer.Line($"options.RequestMarshaller = global::{SdkNames.TransformNamespace}.{operation.Name}RequestMarshaller.Instance;");
            writer.Line($"options.ResponseUnmarshaller = global::{SdkNames.TransformNamespace}.{operation.Name}ResponseUnmarshaller.Instance;");
            writer.Line($"return InvokeAsync<{_names.QualifiedName(operation.Output)}>(request, options, cancellationToken);");
            writer.Close();
            writer.Line();
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private string Signature(Operation operation) =>
        $"global::System.Threading.Tasks.Task<{_names.QualifiedName(operation.Output)}> {operation.Name}Async(" +
        $"{_names.QualifiedName(operation.Input)} request, global::System.Threading.CancellationToken cancellationToken = default)";
}
