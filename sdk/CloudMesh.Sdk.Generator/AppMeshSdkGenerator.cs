using System;
using System.IO;
using System.Linq;
using CloudMesh.Sdk.Generator.Emit;
using CloudMesh.Sdk.Generator.Model;
using CloudMesh.Sdk.Generator.Naming;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CloudMesh.Sdk.Generator;

/// <summary>
/// Generates CloudMesh.Sdk's typed App Mesh surface from the service model given as an AdditionalFile
/// (<c>appmesh-2019-01-25.json</c>): model classes, enums, exceptions, JSON codecs, marshallers, unmarshallers, the
/// client's operations and paginators. The model is parsed once per change of the file (incremental pipeline).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AppMeshSdkGenerator : IIncrementalGenerator
{
    private const string ModelFileName = "appmesh-2019-01-25.json";

    private static readonly DiagnosticDescriptor InvalidModel = new(
        "CMSDK001", "Invalid App Mesh service model", "The App Mesh service model '{0}' could not be read: {1}",
        "CloudMesh.Sdk.Generator", DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly DiagnosticDescriptor MissingModel = new(
        "CMSDK002", "App Mesh service model not found", "No AdditionalFile named '" + ModelFileName + "' was given to the generator",
        "CloudMesh.Sdk.Generator", DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var modelFiles = context.AdditionalTextsProvider
            .Where(file => string.Equals(Path.GetFileName(file.Path), ModelFileName, StringComparison.OrdinalIgnoreCase))
            .Select((file, ct) => (file.Path, Text: file.GetText(ct)?.ToString()))
            .Collect();

        context.RegisterSourceOutput(modelFiles, static (output, files) =>
        {
            if (files.Length == 0)
            {
                output.ReportDiagnostic(Diagnostic.Create(MissingModel, Location.None));
                return;
            }

            var (path, text) = files[0];
            ServiceModel model;
            try
            {
                model = ServiceModelReader.Read(text ?? "");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A malformed model is the user's input, not a generator defect: report it where the build shows it.
                output.ReportDiagnostic(Diagnostic.Create(InvalidModel, Location.None, path, ex.Message));
                return;
            }

            foreach (var (hintName, source) in Generate(model))
            {
                output.AddSource(hintName, SourceText.From(source, System.Text.Encoding.UTF8));
            }
        });
    }

    /// <summary>Every generated file as (hint name, source), in a stable order.</summary>
    private static System.Collections.Generic.IEnumerable<(string HintName, string Source)> Generate(ServiceModel model)
    {
        var names = new SdkNames(model);
        var docs = new DocComments(names);
        var values = new JsonValueCode(names);
        var structures = new StructureEmitter(names, docs);
        var codecs = new JsonCodecEmitter(names, values);
        var marshallers = new RequestMarshallerEmitter(model, names, values);
        var unmarshallers = new ResponseUnmarshallerEmitter(names, values);
        var client = new ClientEmitter(model, names, docs);
        var paginators = new PaginatorEmitter(names);

        foreach (var shape in model.Shapes.Where(s => s.Kind == ShapeKind.Structure))
        {
            if (shape.IsException)
            {
                yield return ($"Model/{shape.Name}.g.cs", ExceptionEmitter.Emit(shape));
                continue;
            }

            yield return ($"Model/{names.ClassName(shape)}.g.cs", structures.Emit(shape));
            if (names.IsModelStructure(shape))
            {
                yield return ($"Transform/{shape.Name}JsonCodec.g.cs", codecs.Emit(shape));
            }
        }

        yield return ("ServiceEnumerations.g.cs", EnumEmitter.Emit(model));
        foreach (var operation in model.Operations)
        {
            yield return ($"Transform/{operation.Name}RequestMarshaller.g.cs", marshallers.Emit(operation));
            yield return ($"Transform/{operation.Name}ResponseUnmarshaller.g.cs", unmarshallers.Emit(operation));
        }

        yield return ("Transform/AppMeshErrorUnmarshaller.g.cs", ErrorUnmarshallerEmitter.Emit(model, names));
        yield return ("IAmazonAppMesh.g.cs", client.EmitInterface());
        yield return ("AmazonAppMeshClient.g.cs", client.EmitClient());
        var pagination = Pagination.Find(model);
        yield return ("Model/AppMeshPaginatorFactory.g.cs", paginators.EmitFactory(pagination));
        foreach (var p in pagination)
        {
            yield return ($"Model/{p.Operation.Name}Paginator.g.cs", paginators.EmitPaginator(p));
        }

        yield return ("AppMeshJson.g.cs", AppMeshJsonEmitter.Emit(model, names));
    }
}
