using System.Security.Cryptography;
using System.Text;
using CloudMesh.Api.AppMesh;
using CloudMesh.Api.Core.Errors;
using CloudMesh.Api.Persistence;
using CloudMesh.Api.Security;

namespace CloudMesh.Api.Admin;

/// <summary>
/// Checks the admin bearer token (constant time) and renders AppMeshExceptions as rest-json errors. Guards the admin
/// API and the control plane's operator endpoints alike.
/// </summary>
public sealed class AdminTokenFilter(KeyMaterial keyMaterial, ILogger<AdminTokenFilter> logger) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        var expected = Encoding.UTF8.GetBytes(keyMaterial.AdminToken);
        var actual = Encoding.UTF8.GetBytes(presented);
        if (presented.Length == 0 || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(expected), SHA256.HashData(actual)))
        {
            await ErrorResponses.WriteAsync(http, 401, "UnauthorizedException",
                presented.Length == 0 ? "The admin API requires 'Authorization: Bearer <admin token>'." : "The admin token is not valid.");
            return Results.Empty;
        }

        try
        {
            return await next(context);
        }
        catch (AppMeshException ex)
        {
            await ErrorResponses.WriteAsync(http, ex.StatusCode, ex.Code, ex.Message);
            return Results.Empty;
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            logger.LogWarning(ex, "Database unavailable during an admin request");
            var unavailable = DatabaseFailures.Unavailable();
            await ErrorResponses.WriteAsync(http, unavailable.StatusCode, unavailable.Code, unavailable.Message);
            return Results.Empty;
        }
    }
}
