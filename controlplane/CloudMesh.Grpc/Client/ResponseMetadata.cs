using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using CloudMesh.Grpc.Internal;
using Grpc.Core;

namespace CloudMesh.Grpc.Client;

/// <summary>Reads a gRPC response's headers, trailers and status (PROTOCOL-HTTP2.md, http-grpc-status-mapping.md).</summary>
internal static class ResponseMetadata
{
    public static Metadata FromHeaders(HttpResponseMessage response) => FromHttpHeaders(response.Headers);

    public static Metadata FromTrailers(HttpResponseMessage response) => FromHttpHeaders(response.TrailingHeaders);

    /// <summary>
    /// The call's status when the headers alone decide it: a trailers-only response, a non-200 HTTP status or a
    /// response that is not gRPC. Null when messages and trailers follow.
    /// </summary>
    public static Status? ValidateHeaders(HttpResponseMessage response)
    {
        var headerStatus = TryReadStatus(response.Headers);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return headerStatus ?? new Status(FromHttpStatus(response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}");
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            return headerStatus ?? new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType}");
        }

        return headerStatus;
    }

    public static Status StatusFromTrailers(HttpResponseMessage response) =>
        TryReadStatus(response.TrailingHeaders) ?? new Status(StatusCode.Unknown, "No grpc-status found on response.");

    /// <summary>The status of a call whose response body failed mid-way.</summary>
    public static Status StatusFromReadFailure(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpProtocolException protocolError)
            {
                return new Status(FromHttp2ErrorCode(protocolError.ErrorCode), $"Error reading next message. {protocolError.Message} (HTTP/2 error code 0x{protocolError.ErrorCode:x})", exception);
            }
        }

        return new Status(StatusCode.Unavailable, $"Error reading next message. {exception.GetType().Name}: {exception.Message}", exception);
    }

    private static Status? TryReadStatus(HttpHeaders headers)
    {
        if (!headers.TryGetValues(GrpcProtocol.StatusHeader, out var statusValues))
        {
            return null;
        }

        var statusText = statusValues.FirstOrDefault();
        if (!int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Unexpected grpc-status value: {statusText}");
        }

        var detail = headers.TryGetValues(GrpcProtocol.MessageHeader, out var messages) ? PercentEncoding.Decode(messages.First()) : "";
        return new Status((StatusCode)code, detail);
    }

    private static Metadata FromHttpHeaders(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers.NonValidated)
        {
            foreach (var value in values)
            {
                MetadataEncoding.AddFromHeader(metadata, name, value);
            }
        }

        return metadata;
    }

    // http-grpc-status-mapping.md: the status of a response without grpc-status.
    private static StatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    // PROTOCOL-HTTP2.md "Errors" for the codes that only a peer's RST_STREAM carries. SocketsHttpHandler reports
    // a dead connection (keepalive timeout, GOAWAY, broken frames) with the same exception and PROTOCOL_ERROR as a
    // peer's RST_STREAM(PROTOCOL_ERROR), so the two cannot be told apart: the rest map to UNAVAILABLE (the call
    // failed in transport; callers retry), where the spec would say INTERNAL for a reset stream.
    private static StatusCode FromHttp2ErrorCode(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable,        // REFUSED_STREAM
        0x8 => StatusCode.Cancelled,          // CANCEL
        0xb => StatusCode.ResourceExhausted,  // ENHANCE_YOUR_CALM
        0xc => StatusCode.PermissionDenied,   // INADEQUATE_SECURITY
        _ => StatusCode.Unavailable,
    };
}
