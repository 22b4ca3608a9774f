using System.Collections.Generic;
using CloudMesh.Sdk.Generator.Naming;

namespace CloudMesh.Sdk.Generator.Emit;

/// <summary>
/// Emits aws-sdk-net's paginator surface on AWSSDK.Core's public paging types: <c>IAppMeshPaginatorFactory</c>
/// (<c>client.Paginators</c>), and per paged operation <c>IListMeshesPaginator</c> with <c>Responses</c> (every page)
/// and the result key (<c>Meshes</c>: every item across pages).
/// </summary>
internal sealed class PaginatorEmitter
{
    private readonly SdkNames _names;

    public PaginatorEmitter(SdkNames names) => _names = names;

    public string EmitFactory(IReadOnlyList<Pagination> paginations)
    {
        var writer = new CodeWriter();
        writer.Open($"namespace {SdkNames.ModelNamespace}");
        DocComments.Summary(writer, "Creates paginators for the App Mesh operations that page (a paginator can be enumerated once).");
        writer.Open("public interface IAppMeshPaginatorFactory");
        foreach (var p in paginations)
        {
            var name = p.Operation.Name;
            DocComments.Summary(writer, $"A paginator for {name}: follows <c>nextToken</c> until the last page.");
            writer.Line("/// <param name=\"request\">The first page's request; the paginator sets its NextToken as it goes.</param>");
            writer.Line($"/// <returns>The paginator.</returns>");
            writer.Line($"I{name}Paginator {name}({_names.QualifiedName(p.Operation.Input)} request);");
            writer.Line();
        }

        writer.Close();
        writer.Line();
        DocComments.Summary(writer, "The paginator factory of an <see cref=\"global::CloudMesh.Sdk.AppMesh.IAmazonAppMesh\"/>.");
        writer.Open("internal sealed class AppMeshPaginatorFactory : IAppMeshPaginatorFactory");
        writer.Line("private readonly global::CloudMesh.Sdk.AppMesh.IAmazonAppMesh _client;");
        writer.Line();
        writer.Line("public AppMeshPaginatorFactory(global::CloudMesh.Sdk.AppMesh.IAmazonAppMesh client) => _client = client;");
        foreach (var p in paginations)
        {
            var name = p.Operation.Name;
            writer.Line();
            writer.Line($"public I{name}Paginator {name}({_names.QualifiedName(p.Operation.Input)} request) => new {name}Paginator(_client, request);");
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    public string EmitPaginator(Pagination p)
    {
        var name = p.Operation.Name;
        var request = _names.QualifiedName(p.Operation.Input);
        var response = _names.QualifiedName(p.Operation.Output);
        var key = SdkNames.PropertyName(p.ResultKey);
        var element = p.ResultKey.Shape.ListElement!;
        var item = element.IsEnum ? "string" : _names.ElementType(element); // lists of enums are List<string>
        var writer = new CodeWriter();
        writer.Open($"namespace {SdkNames.ModelNamespace}");
        DocComments.Summary(writer, $"Pages through {name}. Enumerate either <see cref=\"Responses\"/> or <see cref=\"{key}\"/>, once.");
        writer.Open($"public interface I{name}Paginator");
        DocComments.Summary(writer, "Every page, as the service returned it.");
        writer.Line($"global::Amazon.Runtime.IPaginatedEnumerable<{response}> Responses {{ get; }}");
        writer.Line();
        DocComments.Summary(writer, $"Every item of <c>{p.ResultKey.Name}</c> across all pages.");
        writer.Line($"global::Amazon.Runtime.IPaginatedEnumerable<{item}> {key} {{ get; }}");
        writer.Close();
        writer.Line();
        DocComments.Summary(writer, $"The paginator for {name}.");
        writer.Open($"internal sealed class {name}Paginator : global::Amazon.Runtime.IPaginator<{response}>, I{name}Paginator");
        writer.Line("private readonly global::CloudMesh.Sdk.AppMesh.IAmazonAppMesh _client;");
        writer.Line($"private readonly {request} _request;");
        writer.Line("private int _isPaginatorInUse;");
        writer.Line();
        writer.Open($"internal {name}Paginator(global::CloudMesh.Sdk.AppMesh.IAmazonAppMesh client, {request} request)");
        writer.Line("_client = client;");
        writer.Line("_request = request;");
        writer.Close();
        writer.Line();
        writer.Line($"public global::Amazon.Runtime.IPaginatedEnumerable<{response}> Responses => new global::Amazon.Runtime.PaginatedResponse<{response}>(this);");
        writer.Line();
        writer.Line($"public global::Amazon.Runtime.IPaginatedEnumerable<{item}> {key} =>");
        writer.Line($"    new global::Amazon.Runtime.PaginatedResultKeyResponse<{response}, {item}>(this, page => page.{key} ?? new global::System.Collections.Generic.List<{item}>());");
        writer.Line();
        writer.Open($"async global::System.Collections.Generic.IAsyncEnumerable<{response}> global::Amazon.Runtime.IPaginator<{response}>.PaginateAsync([global::System.Runtime.CompilerServices.EnumeratorCancellation] global::System.Threading.CancellationToken cancellationToken)");
        writer.Open("if (global::System.Threading.Interlocked.Exchange(ref _isPaginatorInUse, 1) != 0)");
        writer.Line("throw new global::System.InvalidOperationException(\"Paginator has already been consumed and cannot be reused. Please create a new instance.\");");
        writer.Close();
        writer.Line();
        writer.Line("var nextToken = _request.NextToken;");
        writer.Line($"{response} response;");
        writer.Line("do");
        writer.Line("{");
        writer.Line("    _request.NextToken = nextToken;");
        writer.Line($"    response = await _client.{name}Async(_request, cancellationToken).ConfigureAwait(false);");
        writer.Line("    nextToken = response.NextToken;");
        writer.Line("    cancellationToken.ThrowIfCancellationRequested();");
        writer.Line("    yield return response;");
        writer.Line("}");
        writer.Line("while (!string.IsNullOrEmpty(nextToken));");
        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
