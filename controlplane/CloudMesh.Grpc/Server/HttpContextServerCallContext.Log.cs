using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Grpc.Server;

internal sealed partial class HttpContextServerCallContext
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "InvalidTimeoutIgnored", Level = LogLevel.Debug,
            Message = "Ignoring the malformed grpc-timeout header '{Timeout}'.")]
        public static partial void InvalidTimeout(ILogger logger, string timeout);

        [LoggerMessage(EventId = 2, EventName = "DeadlineExceeded", Level = LogLevel.Debug,
            Message = "Call {Method} exceeded its deadline.")]
        public static partial void DeadlineExceeded(ILogger logger, string method);

        [LoggerMessage(EventId = 3, EventName = "RpcExceptionThrown", Level = LogLevel.Debug,
            Message = "Call {Method} ended with status {StatusCode} thrown by its handler.")]
        public static partial void RpcExceptionThrown(ILogger logger, string method, StatusCode statusCode, Exception exception);

        [LoggerMessage(EventId = 4, EventName = "HandlerFailed", Level = LogLevel.Error,
            Message = "Call {Method}: its handler threw; the client gets UNKNOWN.")]
        public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

        [LoggerMessage(EventId = 5, EventName = "HandlerEndedAfterDeadline", Level = LogLevel.Debug,
            Message = "Call {Method}: its handler ended with an exception after the deadline was exceeded.")]
        public static partial void HandlerEndedAfterDeadline(ILogger logger, string method, Exception exception);

        [LoggerMessage(EventId = 6, EventName = "HandlerEndedAfterAbort", Level = LogLevel.Debug,
            Message = "Call {Method}: its handler ended with an exception after the client cancelled the call.")]
        public static partial void HandlerEndedAfterAbort(ILogger logger, string method, Exception exception);

        [LoggerMessage(EventId = 7, EventName = "DeadlineResponseFailed", Level = LogLevel.Debug,
            Message = "Call {Method}: the DEADLINE_EXCEEDED response could not be sent.")]
        public static partial void DeadlineResponseFailed(ILogger logger, string method, Exception exception);

        [LoggerMessage(EventId = 8, EventName = "CancellationCallbackFailed", Level = LogLevel.Warning,
            Message = "Call {Method}: a callback registered on the call's cancellation token threw.")]
        public static partial void CancellationCallbackFailed(ILogger logger, string method, Exception exception);

        [LoggerMessage(EventId = 9, EventName = "PendingReadNotCancelled", Level = LogLevel.Debug,
            Message = "Call {Method}: the request body was already failed when the call was cancelled ({Reason}).")]
        public static partial void PendingReadNotCancelled(ILogger logger, string method, string reason);
    }
}
