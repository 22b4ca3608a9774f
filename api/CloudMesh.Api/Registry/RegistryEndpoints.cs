using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.Api.AppMesh;
using CloudMesh.Api.Core.Errors;
using CloudMesh.AppMesh.Model;
using CloudMesh.ControlPlane.Postgres;

namespace CloudMesh.Api.Registry;

/// <summary>
/// CloudMesh's endpoint registry API (<c>/cloudmesh/v1</c>), the role AWS Cloud Map played for App Mesh:
/// VMs, ECS tasks and anything without a connected proxy register their instances here, and EDS routes to
/// them. Same SigV4 tenancy, rate limit and rest-json errors as the App Mesh operations.
/// </summary>
public static class RegistryEndpoints
{
    /// <summary>The path prefix of CloudMesh's own API extensions.</summary>
    public const string Prefix = "/cloudmesh/v1";

    private const string InstancesPath = Prefix + "/meshes/{meshName}/virtualNodes/{virtualNodeName}/instances";

    /// <summary>Maps register (PUT), deregister (DELETE) and list (GET) of virtual node instances.</summary>
    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        app.MapPut(InstancesPath + "/{instanceId}",
                (HttpContext http, string meshName, string virtualNodeName, string instanceId, AppMeshRequestHandler handler, EndpointRegistry registry) =>
                    handler.HandleTenantRequestAsync(http, "RegisterInstance", async request =>
                    {
                        ValidateNames(meshName, virtualNodeName);
                        InstanceRegistration.ValidateInstanceId(instanceId);
                        var registration = InstanceRegistration.Parse(request.Body);
                        var instance = await registry.PutAsync(request.AccountId, meshName, virtualNodeName, instanceId,
                                           registration.Address, registration.Port, registration.Healthy, registration.Attributes, http.RequestAborted)
                                       ?? throw NodeNotFound(meshName, virtualNodeName);
                        await WriteAsync(http, new JsonObject { ["instance"] = Render(instance) });
                    }))
            .ExcludeFromDescription();

        app.MapDelete(InstancesPath + "/{instanceId}",
                (HttpContext http, string meshName, string virtualNodeName, string instanceId, AppMeshRequestHandler handler, EndpointRegistry registry) =>
                    handler.HandleTenantRequestAsync(http, "DeregisterInstance", async request =>
                    {
                        ValidateNames(meshName, virtualNodeName);
                        InstanceRegistration.ValidateInstanceId(instanceId);
                        var instance = await registry.DeleteAsync(request.AccountId, meshName, virtualNodeName, instanceId, http.RequestAborted)
                                       ?? throw AppMeshException.NotFound(
                                           $"The instance '{instanceId}' of virtualNode '{virtualNodeName}' in mesh '{meshName}' does not exist.");
                        await WriteAsync(http, new JsonObject { ["instance"] = Render(instance) });
                    }))
            .ExcludeFromDescription();

        app.MapGet(InstancesPath,
                (HttpContext http, string meshName, string virtualNodeName, AppMeshRequestHandler handler, EndpointRegistry registry) =>
                    handler.HandleTenantRequestAsync(http, "ListInstances", async request =>
                    {
                        ValidateNames(meshName, virtualNodeName);
                        var instances = await registry.ListAsync(request.AccountId, meshName, virtualNodeName, http.RequestAborted)
                                        ?? throw NodeNotFound(meshName, virtualNodeName);
                        await WriteAsync(http, new JsonObject { ["instances"] = new JsonArray([.. instances.Select(i => (JsonNode)Render(i))]) });
                    }))
            .ExcludeFromDescription();

        app.Map(Prefix + "/{**rest}", (HttpContext http) => ErrorResponses.WriteAsync(http, 404, AppMeshErrorCode.NotFound,
                $"No CloudMesh operation is served at {http.Request.Method} {http.Request.Path}."))
            .ExcludeFromDescription();
        return app;
    }

    private static void ValidateNames(string meshName, string virtualNodeName)
    {
        if (meshName.Length is 0 or > 255)
        {
            throw AppMeshException.BadRequest("meshName: must be 1 to 255 characters.");
        }

        if (virtualNodeName.Length is 0 or > 255)
        {
            throw AppMeshException.BadRequest("virtualNodeName: must be 1 to 255 characters.");
        }
    }

    private static AppMeshException NodeNotFound(string meshName, string virtualNodeName) =>
        AppMeshException.NotFound($"The virtualNode '{virtualNodeName}' in mesh '{meshName}' does not exist.");

    private static JsonObject Render(RegisteredInstance instance)
    {
        var attributes = new JsonObject();
        foreach (var (key, value) in instance.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            attributes[key] = value;
        }

        return new JsonObject
        {
            ["meshName"] = instance.MeshName,
            ["virtualNodeName"] = instance.VirtualNodeName,
            ["instanceId"] = instance.InstanceId,
            ["address"] = instance.Address,
            ["port"] = instance.Port,
            ["healthStatus"] = instance.Healthy ? "HEALTHY" : "UNHEALTHY",
            ["attributes"] = attributes,
            ["source"] = instance.Source,
            ["createdAt"] = AppMeshJson.Timestamp(instance.CreatedAt),
            ["lastUpdatedAt"] = AppMeshJson.Timestamp(instance.UpdatedAt),
        };
    }

    private static async Task WriteAsync(HttpContext http, JsonObject body)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        body.WriteTo(writer);
    }
}
