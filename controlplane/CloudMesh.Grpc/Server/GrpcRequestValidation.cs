using System.Globalization;
using CloudMesh.Grpc.Internal;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace CloudMesh.Grpc.Server;

/// <summary>Rejects requests that are not gRPC before a handler sees them (as Grpc.AspNetCore does).</summary>
internal static class GrpcRequestValidation
{
    /// <summary>True for an HTTP/2 request with a gRPC content type; otherwise writes the error response.</summary>
    public static bool TryValidate(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            Reject(httpContext, StatusCodes.Status426UpgradeRequired, $"Request protocol '{request.Protocol}' is not supported.");
            return false;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            Reject(httpContext, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not supported.");
            return false;
        }

        return true;
    }

    /// <summary>Ends the request with a trailers-only gRPC response carrying <paramref name="status"/>.</summary>
    public static void WriteTrailersOnly(HttpContext httpContext, Status status)
    {
        var response = httpContext.Response;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusHeader] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(status.Detail);
    }

    private static void Reject(HttpContext httpContext, int httpStatus, string message)
    {
        httpContext.Response.StatusCode = httpStatus;
        WriteTrailersOnly(httpContext, new Status(StatusCode.Internal, message));
    }
}
