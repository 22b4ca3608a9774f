using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CloudMesh.Api.Tests.Integration;

/// <summary>The served routes and <c>openapi.yaml</c> must describe the same API.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiContractTests(CloudMeshApiFixture api)
{
    [Fact]
    public void Every_served_route_is_in_the_document_and_every_documented_path_is_served()
    {
        var served = api.Server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.Contains("{**", StringComparison.Ordinal) && !e.RoutePattern.RawText.Contains("swagger", StringComparison.Ordinal))
            // gRPC (ADS, on the xDS listener, and the transport's UNIMPLEMENTED fallback for application/grpc) is not REST:
            // its contract is Envoy's proto, not this document.
            .Where(e => e.Metadata.GetMetadata<IHostMetadata>() is null && !e.RoutePattern.RawText!.Contains("{unimplementedService}", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m.ToUpperInvariant()} {Normalize(e.RoutePattern.RawText!)}"))
            .ToHashSet();

        var documented = DocumentedOperations(File.ReadAllLines(RepoPaths.Combine("openapi.yaml")))
            .Where(o => !o.EndsWith("/swagger", StringComparison.Ordinal))
            .ToHashSet();

        Assert.Empty(served.Except(documented));
        Assert.Empty(documented.Except(served));
        Assert.True(documented.Count > 38, "the document describes the 38 App Mesh operations and the CloudMesh endpoints");
    }

    private static string Normalize(string pattern) => "/" + pattern.TrimStart('/');

    // The document is generated with a fixed layout: two-space indented path keys under "paths:", four-space methods.
    private static IEnumerable<string> DocumentedOperations(string[] lines)
    {
        var inPaths = false;
        string? path = null;
        foreach (var line in lines)
        {
            if (line == "paths:")
            {
                inPaths = true;
                continue;
            }

            if (inPaths && line.Length > 0 && !line.StartsWith(' '))
            {
                yield break;
            }

            if (!inPaths)
            {
                continue;
            }

            if (line.StartsWith("  \"/", StringComparison.Ordinal) || line.StartsWith("  /", StringComparison.Ordinal))
            {
                path = line.Trim().TrimEnd(':').Trim('\'', '"');
            }
            else if (path is not null && line.Length > 4 && line[4] != ' ' && line.StartsWith("    ", StringComparison.Ordinal)
                     && line.Trim().TrimEnd(':') is "get" or "put" or "post" or "delete" or "patch" or "head")
            {
                yield return $"{line.Trim().TrimEnd(':').ToUpperInvariant()} {path}";
            }
        }
    }
}
