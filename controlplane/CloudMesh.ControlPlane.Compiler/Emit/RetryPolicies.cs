using CloudMesh.ControlPlane.Compiler.Specs;
using Envoy.Config.Route.V3;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>App Mesh retry policies as Envoy retry policies.</summary>
internal static class RetryPolicies
{
    /// <summary>
    /// The Envoy retry policy, or null when it would never retry (no retries allowed, or no event Envoy
    /// knows). gRPC's xDS client also rejects num_retries 0, so such a policy is left out entirely.
    /// </summary>
    public static RetryPolicy? Build(RetryPolicySpec? spec)
    {
        if (spec is null || spec.MaxRetries <= 0)
        {
            return null;
        }

        var retryOn = RetryOn(spec);
        if (retryOn.Length == 0)
        {
            return null;
        }

        var policy = new RetryPolicy { RetryOn = retryOn, NumRetries = (uint)Math.Min(spec.MaxRetries, uint.MaxValue) };
        if (spec.PerRetryTimeoutMillis is { } perTry)
        {
            policy.PerTryTimeout = Xds.Millis(perTry);
        }

        return policy;
    }

    /// <summary>
    /// Envoy's retry_on for App Mesh's events: HTTP events first, then TCP, then gRPC, each in spec order,
    /// without repeats. Unknown HTTP events (the model allows any string) are ignored.
    /// </summary>
    public static string RetryOn(RetryPolicySpec spec)
    {
        var tokens = new List<string>();
        foreach (var e in spec.HttpEvents)
        {
            Add(tokens, e switch
            {
                "server-error" => "5xx",
                "gateway-error" => "gateway-error",
                "client-error" => "retriable-4xx", // Envoy retries 409 only, which is what App Mesh documents.
                "stream-error" => "refused-stream",
                _ => null,
            });
        }

        foreach (var e in spec.TcpEvents)
        {
            Add(tokens, e == "connection-error" ? "connect-failure" : null);
        }

        foreach (var e in spec.GrpcEvents)
        {
            // App Mesh's gRPC events are Envoy's x-envoy-retry-grpc-on names, which gRPC's xDS client reads too.
            Add(tokens, e is "cancelled" or "deadline-exceeded" or "internal" or "resource-exhausted" or "unavailable" ? e : null);
        }

        return string.Join(',', tokens);
    }

    private static void Add(List<string> tokens, string? token)
    {
        if (token is not null && !tokens.Contains(token))
        {
            tokens.Add(token);
        }
    }
}
