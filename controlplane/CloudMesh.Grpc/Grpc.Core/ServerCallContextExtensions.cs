using CloudMesh.Grpc.Server;
using Microsoft.AspNetCore.Http;

namespace Grpc.Core;

/// <summary>ASP.NET Core access from a server call (as in Grpc.AspNetCore).</summary>
public static class ServerCallContextExtensions
{
    /// <summary>The <see cref="HttpContext"/> of a call served by this library's ASP.NET Core host.</summary>
    public static HttpContext GetHttpContext(this ServerCallContext serverCallContext)
    {
        ArgumentNullException.ThrowIfNull(serverCallContext);
        return serverCallContext is HttpContextServerCallContext call
            ? call.HttpContext
            : throw new InvalidOperationException("Could not get HttpContext from ServerCallContext. HttpContext can only be accessed when gRPC services are hosted by ASP.NET Core.");
    }
}
