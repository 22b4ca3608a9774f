namespace CloudMesh.Api.AppMesh;

/// <summary>Maps the 38 App Mesh operations from the service model, and a rest-json 404 for anything else under the API prefix.</summary>
public static class AppMeshEndpoints
{
    /// <summary>The path prefix of every App Mesh operation.</summary>
    public const string Prefix = "/v20190125";

    /// <summary>Maps every operation at the model's method and path.</summary>
    public static IEndpointRouteBuilder MapAppMeshApi(this IEndpointRouteBuilder app)
    {
        foreach (var operation in AppMeshOperation.All)
        {
            app.MapMethods(operation.Model.RequestUri, [operation.Model.HttpMethod],
                    (HttpContext http, AppMeshRequestHandler handler) => handler.HandleAsync(http, operation))
                .WithName(operation.Name)
                .WithTags("AppMesh")
                .ExcludeFromDescription();
        }

        app.Map(Prefix + "/{**rest}", (HttpContext http) => ErrorResponses.WriteAsync(http, 404, "NotFoundException",
                $"No App Mesh operation is served at {http.Request.Method} {http.Request.Path}."))
            .ExcludeFromDescription();
        return app;
    }
}
