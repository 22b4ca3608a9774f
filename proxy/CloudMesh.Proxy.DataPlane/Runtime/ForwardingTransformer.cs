using CloudMesh.Proxy.DataPlane.Translation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>One try's request rewrites and the retry decision the transformer takes on the upstream's answer.</summary>
internal sealed class TryState
{
    public required RouteActionPlan Action { get; init; }

    /// <summary>The path (and query) sent upstream, after prefix or regex rewrites.</summary>
    public required string UpstreamPathAndQuery { get; init; }

    /// <summary>The Host sent upstream.</summary>
    public required string UpstreamHost { get; init; }

    /// <summary>True when a retry may follow this try (policy and attempts allow it).</summary>
    public bool MayRetry { get; init; }

    /// <summary>The replayable request body, if any: a retry also needs it to still fit the buffer.</summary>
    public ReplayableBody? Body { get; init; }

    /// <summary>Set by the transformer when the answer calls for a retry: the answer was discarded.</summary>
    public bool RetryRequested { get; set; }

    /// <summary>The upstream's status, whether it was relayed or discarded.</summary>
    public int UpstreamStatus { get; set; }
}

/// <summary>
/// Envoy's request shaping for YARP's forwarder: headers copied (hop-by-hop ones dropped by YARP), the original Host
/// kept unless a route rewrites it, the path rewritten as the route says; on the answer, a retriable status (or gRPC
/// status) with a retry left is discarded instead of relayed.
/// </summary>
internal sealed class ForwardingTransformer : HttpTransformer
{
    public static ForwardingTransformer Instance { get; } = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var state = httpContext.Features.GetRequiredFeature<TryState>();
        proxyRequest.RequestUri = new Uri(destinationPrefix + state.UpstreamPathAndQuery, UriKind.Absolute);
        proxyRequest.Headers.Host = state.UpstreamHost;
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var state = httpContext.Features.GetRequiredFeature<TryState>();
        if (proxyResponse is not null)
        {
            state.UpstreamStatus = (int)proxyResponse.StatusCode;
            if (state.MayRetry && (state.Body?.CanReplay ?? true) && state.Action.Retry is { } retry && RetryPolicy.ShouldRetry(retry, proxyResponse))
            {
                state.RetryRequested = true;
                httpContext.Response.Clear();
                return false;
            }
        }

        return await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
    }
}
