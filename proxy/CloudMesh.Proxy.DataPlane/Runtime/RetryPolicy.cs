using CloudMesh.Proxy.DataPlane.Translation;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>Envoy's retry conditions applied to an upstream answer or failure, and its back-off.</summary>
internal static class RetryPolicy
{
    public static bool ShouldRetry(RetryPlan retry, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var on = retry.On;
        if ((on & RetryOn.ServerError) != 0 && status >= 500)
        {
            return true;
        }

        if ((on & RetryOn.GatewayError) != 0 && status is 502 or 503 or 504)
        {
            return true;
        }

        if ((on & RetryOn.Retriable4xx) != 0 && status == 409)
        {
            return true;
        }

        if ((on & RetryOn.RetriableStatusCodes) != 0 && retry.RetriableStatusCodes.Contains(status))
        {
            return true;
        }

        // gRPC conditions look at grpc-status in the response headers (trailers-only answers), as Envoy does.
        if (on >= RetryOn.GrpcCancelled && response.Headers.TryGetValues("grpc-status", out var values))
        {
            var grpcStatus = values.FirstOrDefault();
            return grpcStatus switch
            {
                "1" => (on & RetryOn.GrpcCancelled) != 0,
                "4" => (on & RetryOn.GrpcDeadlineExceeded) != 0,
                "8" => (on & RetryOn.GrpcResourceExhausted) != 0,
                "13" => (on & RetryOn.GrpcInternal) != 0,
                "14" => (on & RetryOn.GrpcUnavailable) != 0,
                _ => false,
            };
        }

        return false;
    }

    /// <summary>Whether a failure before any answer (connect failure, reset, per-try timeout) is retried.</summary>
    public static bool ShouldRetry(RetryPlan retry, UpstreamFailure failure) => failure switch
    {
        UpstreamFailure.ConnectFailure => (retry.On & (RetryOn.ConnectFailure | RetryOn.ServerError | RetryOn.GatewayError | RetryOn.Reset)) != 0,
        UpstreamFailure.Reset => (retry.On & (RetryOn.Reset | RetryOn.ServerError | RetryOn.GatewayError)) != 0,
        UpstreamFailure.RefusedStream => (retry.On & (RetryOn.RefusedStream | RetryOn.Reset | RetryOn.ServerError)) != 0,

        // Envoy retries a per-try timeout under 5xx, gateway-error and reset.
        UpstreamFailure.PerTryTimeout => (retry.On & (RetryOn.ServerError | RetryOn.GatewayError | RetryOn.Reset)) != 0,
        _ => false,
    };

    /// <summary>Envoy's default back-off: fully jittered, base 25 ms doubling per retry, at most 10× the base.</summary>
    public static TimeSpan BackOff(int retry)
    {
        var ceiling = Math.Min(25.0 * (1 << Math.Min(retry, 10)), 250.0);
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}

/// <summary>Why a try produced no answer.</summary>
internal enum UpstreamFailure
{
    None,
    ConnectFailure,
    Reset,
    RefusedStream,
    PerTryTimeout,
    GlobalTimeout,
    NoHealthyUpstream,
    ClientGone,
}
