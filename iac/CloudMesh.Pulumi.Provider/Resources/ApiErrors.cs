using Amazon.Runtime;
using Grpc.Core;

namespace CloudMesh.Pulumi.Provider.Resources;

/// <summary>
/// Runs one API operation under its deadline and turns what can go wrong into the gRPC status the engine shows the
/// user: App Mesh error codes to their nearest gRPC codes, transport failures to UNAVAILABLE, the deadline to
/// DEADLINE_EXCEEDED and the engine's Cancel to CANCELLED, each message naming the operation and the resource.
/// </summary>
internal static class ApiErrors
{
    /// <summary>The deadline of an operation whose request names none (reads, invokes, deletes without a timeout).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <paramref name="operation"/>; <paramref name="timeoutSeconds"/> ≤ 0 means <see cref="DefaultTimeout"/>.</summary>
    public static async Task<T> RunAsync<T>(string what, double timeoutSeconds, CancellationToken call, CancellationToken cancelAll, Func<CancellationToken, Task<T>> operation)
    {
        using var deadline = new CancellationTokenSource(timeoutSeconds > 0 ? TimeSpan.FromSeconds(timeoutSeconds) : DefaultTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(call, cancelAll, deadline.Token);
        try
        {
            return await operation(linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !call.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, $"{what}: no answer from CloudMesh within {(timeoutSeconds > 0 ? timeoutSeconds : DefaultTimeout.TotalSeconds)} s."));
        }
        catch (OperationCanceledException) when (cancelAll.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, $"{what}: cancelled by the engine."));
        }
        catch (AmazonServiceException e) when (e.ErrorCode is not null)
        {
            throw new RpcException(new Status(CodeOf(e.ErrorCode), $"{what}: {e.ErrorCode}: {e.Message}"));
        }
        catch (AmazonClientException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"{what}: cannot reach CloudMesh: {e.Message}"));
        }
        catch (HttpRequestException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"{what}: cannot reach CloudMesh: {e.Message}"));
        }
    }

    /// <summary>True when the exception is the API's NotFoundException.</summary>
    public static bool IsNotFound(Exception e) => e is AmazonServiceException { ErrorCode: "NotFoundException" };

    private static StatusCode CodeOf(string errorCode) => errorCode switch
    {
        "BadRequestException" => StatusCode.InvalidArgument,
        "NotFoundException" => StatusCode.NotFound,
        "ConflictException" => StatusCode.AlreadyExists,
        "ResourceInUseException" => StatusCode.FailedPrecondition,
        "ForbiddenException" => StatusCode.PermissionDenied,
        "TooManyRequestsException" or "LimitExceededException" or "TooManyTagsException" => StatusCode.ResourceExhausted,
        "ServiceUnavailableException" => StatusCode.Unavailable,
        "InternalServerErrorException" => StatusCode.Internal,
        "UnrecognizedClientException" or "InvalidSignatureException" or "AccessDeniedException" or "IncompleteSignature" => StatusCode.Unauthenticated,
        _ => StatusCode.Unknown,
    };
}
