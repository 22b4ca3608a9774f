using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CloudMesh.Proxy.DataPlane.Translation;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>
/// The HTTP path of a listener, as Envoy's HTTP connection manager and router: find the virtual host and route,
/// pick a cluster (weighted) and a host, forward with YARP's forwarder under the route's timeout, retry as the
/// route's policy says, answer local replies (404, 503, 504) as Envoy words them, count and log.
/// </summary>
internal sealed class HttpProxyHandler(RuntimeHolder runtime, IHttpForwarder forwarder, AccessLogWriter accessLogs, DataPlaneOptions options)
{
    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var log = new RequestRecord { StartTime = DateTimeOffset.UtcNow };
        var connection = context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ConnectionRoute.ItemKey, out var item) == true
            ? item as ConnectionRoute
            : null;
        if (connection?.Chain.Http is null)
        {
            // Cannot happen: connections only reach the HTTP pipeline through an HTTP chain.
            context.Abort();
            return;
        }

        var state = runtime.Current;
        var http = CurrentHttpChain(state, connection);
        try
        {
            await RouteAsync(context, state, http, connection, log);
        }
        finally
        {
            log.DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (http.AccessLogs.Count > 0)
            {
                accessLogs.Write(http.AccessLogs, context, log);
            }
        }
    }

    /// <summary>RDS updates apply to open connections: the chain is looked up again in the current plan by name.</summary>
    private static HttpChainPlan CurrentHttpChain(RuntimeState state, ConnectionRoute connection)
    {
        if (state.Plan.Listeners.TryGetValue(connection.Listener, out var listener))
        {
            foreach (var chain in listener.Chains)
            {
                if (chain.Name == connection.Chain.Name && chain.Http is { } current)
                {
                    return current;
                }
            }

            if (listener.DefaultChain is { Http: { } fallback } defaultChain && defaultChain.Name == connection.Chain.Name)
            {
                return fallback;
            }
        }

        return connection.Chain.Http!;
    }

    private async Task RouteAsync(HttpContext context, RuntimeState state, HttpChainPlan http, ConnectionRoute connection, RequestRecord log)
    {
        var host = context.Request.Host.Value ?? "";
        if (http.StripAnyHostPort)
        {
            host = StripPort(host);
        }

        var (virtualHost, route) = http.Routes.Find(host, context.Request);
        if (route is null)
        {
            if (virtualHost is not null)
            {
                Interlocked.Increment(ref runtime.CountersFor(http.Routes.Name, virtualHost.Name, "").Requests);
            }

            log.Flags = "NR";
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        log.RouteName = route.Name;
        var routeCounters = runtime.CountersFor(http.Routes.Name, virtualHost!.Name, route.Name);
        Interlocked.Increment(ref routeCounters.Requests);
        try
        {
            if (route.Direct is { } direct)
            {
                context.Response.StatusCode = direct.Status;
                if (direct.Body is { } body)
                {
                    await context.Response.WriteAsync(body, context.RequestAborted);
                }

                return;
            }

            var action = route.Action!;
            var clusterName = action.Targets.Pick();
            log.Cluster = clusterName;
            if (!state.Clusters.TryGetValue(clusterName, out var cluster))
            {
                log.Flags = "NC";
                await LocalReplyAsync(context, StatusCodes.Status503ServiceUnavailable, null);
                return;
            }

            Interlocked.Increment(ref cluster.Counters.Requests);
            if (!cluster.TryEnterRequest())
            {
                log.Flags = "UO";
                context.Response.Headers["x-envoy-overloaded"] = "true";
                await LocalReplyAsync(context, StatusCodes.Status503ServiceUnavailable, "upstream connect error or disconnect/reset before headers. reset reason: overflow");
                cluster.Counters.CountResponse(StatusCodes.Status503ServiceUnavailable);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await ForwardAsync(context, cluster, action, connection, log, routeCounters);
            }
            finally
            {
                cluster.ExitRequest();
                cluster.Counters.CountLatency(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                cluster.Counters.CountResponse(context.Response.StatusCode);
            }
        }
        finally
        {
            routeCounters.CountResponse(context.Response.StatusCode);
        }
    }

    private async Task ForwardAsync(HttpContext context, ClusterRuntime cluster, RouteActionPlan action, ConnectionRoute connection, RequestRecord log, RouteCounters routeCounters)
    {
        var request = context.Request;
        var retry = action.Retry;
        ReplayableBody? body = null;
        if (retry is not null && HasBody(context))
        {
            body = new ReplayableBody(request.Body, options.RetryBufferLimit);
        }

        // Upgrades (WebSockets) live as long as the connection: the route timeout does not apply to them, as in Envoy.
        var upgrade = context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
            || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;
        using var global = action.Timeout is { } timeout && !upgrade ? new CancellationTokenSource(timeout) : null;
        var upstreamPath = UpstreamPath(request, action);
        var upstreamHost = action.HostRewriteLiteral ?? request.Host.Value ?? "";
        var config = action.IdleTimeout is { } idle
            ? cluster.DefaultRequestConfig with { ActivityTimeout = idle }
            : cluster.DefaultRequestConfig;

        var destination = connection.OriginalDestination
            ?? (cluster.Plan.Kind == ClusterKind.OriginalDestination ? await HostDestinationAsync(request, context.RequestAborted) : null);
        for (var attempt = 0; ; attempt++)
        {
            var endpoint = cluster.Pick(destination);
            if (endpoint is null)
            {
                log.Flags = "UH";
                await LocalReplyAsync(context, StatusCodes.Status503ServiceUnavailable, "no healthy upstream");
                return;
            }

            log.UpstreamHost = endpoint.Address.ToString();
            var tryState = new TryState
            {
                Action = action,
                UpstreamPathAndQuery = upstreamPath,
                UpstreamHost = action.AutoHostRewrite && cluster.Plan.Kind is ClusterKind.StrictDns or ClusterKind.LogicalDns
                    ? cluster.Plan.Endpoints[0].Host
                    : upstreamHost,
                MayRetry = retry is not null && attempt < retry.NumRetries && (body?.CanReplay ?? true),
                Body = body,
            };
            context.Features.Set(tryState);
            if (body is not null)
            {
                request.Body = body.NextTry();
            }

            using var perTry = retry?.PerTryTimeout is { } perTryTimeout
                ? CancellationTokenSource.CreateLinkedTokenSource(global?.Token ?? CancellationToken.None)
                : null;
            perTry?.CancelAfter(retry!.PerTryTimeout!.Value);
            var token = perTry?.Token ?? global?.Token ?? CancellationToken.None;

            var error = await forwarder.SendAsync(context, endpoint.Prefix, cluster.Invoker, config, ForwardingTransformer.Instance, token);
            var failure = error == ForwarderError.None ? UpstreamFailure.None : Classify(context, error, global, perTry);
            if (error == ForwarderError.None)
            {
                cluster.Report(endpoint, tryState.UpstreamStatus >= 500);
            }
            else if (failure is UpstreamFailure.ConnectFailure or UpstreamFailure.Reset or UpstreamFailure.PerTryTimeout or UpstreamFailure.RefusedStream)
            {
                // Envoy's consecutive_5xx counts locally originated failures too (split_external_local_origin_errors off).
                cluster.Report(endpoint, true);
            }

            if (error == ForwarderError.None && !tryState.RetryRequested)
            {
                return;
            }

            if (context.Response.HasStarted || failure == UpstreamFailure.ClientGone)
            {
                // Part of the answer is out already (YARP has reset the stream), or nobody is listening.
                return;
            }

            var retryable = tryState.RetryRequested
                || (retry is not null && attempt < retry.NumRetries && (body?.CanReplay ?? true) && RetryPolicy.ShouldRetry(retry, failure));
            if (retryable && global?.IsCancellationRequested != true && cluster.TryEnterRetry())
            {
                try
                {
                    context.Response.Clear();
                    Interlocked.Increment(ref cluster.Counters.Retries);
                    Interlocked.Increment(ref routeCounters.Retries);
                    await Task.Delay(RetryPolicy.BackOff(attempt), global?.Token ?? CancellationToken.None);
                    continue;
                }
                catch (OperationCanceledException)
                {
                    failure = UpstreamFailure.GlobalTimeout;
                }
                finally
                {
                    cluster.ExitRetry();
                }
            }

            if (tryState.RetryRequested && failure == UpstreamFailure.None)
            {
                // The answer was discarded for a retry that could not happen: say what the upstream said.
                log.Flags = "URX";
                context.Response.Clear();
                context.Response.StatusCode = tryState.UpstreamStatus;
                return;
            }

            await FailAsync(context, failure, cluster, log, routeCounters);
            return;
        }
    }

    private static async Task FailAsync(HttpContext context, UpstreamFailure failure, ClusterRuntime cluster, RequestRecord log, RouteCounters routeCounters)
    {
        context.Response.Clear();
        switch (failure)
        {
            case UpstreamFailure.GlobalTimeout:
            case UpstreamFailure.PerTryTimeout:
                log.Flags = "UT";
                Interlocked.Increment(ref cluster.Counters.Timeouts);
                Interlocked.Increment(ref routeCounters.Timeouts);
                await LocalReplyAsync(context, StatusCodes.Status504GatewayTimeout, "upstream request timeout");
                break;
            case UpstreamFailure.ConnectFailure:
                log.Flags = "UF";
                await LocalReplyAsync(context, StatusCodes.Status503ServiceUnavailable, "upstream connect error or disconnect/reset before headers. reset reason: connection failure");
                break;
            default:
                log.Flags = "UC";
                await LocalReplyAsync(context, StatusCodes.Status503ServiceUnavailable, "upstream connect error or disconnect/reset before headers. reset reason: connection termination");
                break;
        }
    }

    private static UpstreamFailure Classify(HttpContext context, ForwarderError error, CancellationTokenSource? global, CancellationTokenSource? perTry)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return UpstreamFailure.ClientGone;
        }

        if (global?.IsCancellationRequested == true)
        {
            return UpstreamFailure.GlobalTimeout;
        }

        if (perTry?.IsCancellationRequested == true)
        {
            return UpstreamFailure.PerTryTimeout;
        }

        if (error == ForwarderError.RequestTimedOut)
        {
            return UpstreamFailure.GlobalTimeout;
        }

        var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
                || e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TimedOut })
            {
                return UpstreamFailure.ConnectFailure;
            }
        }

        return UpstreamFailure.Reset;
    }

    /// <summary>An Envoy local reply: text/plain body, or for gRPC requests a trailers-only answer with the mapped status.</summary>
    internal static async Task LocalReplyAsync(HttpContext context, int status, string? body)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = status switch
            {
                400 => "13",
                401 => "16",
                403 => "7",
                404 => "12",
                429 or 502 or 503 or 504 => "14",
                _ => "2",
            };
            if (body is not null)
            {
                context.Response.Headers["grpc-message"] = Uri.EscapeDataString(body);
            }

            return;
        }

        context.Response.StatusCode = status;
        if (body is not null)
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(body);
        }
    }

    private static bool HasBody(HttpContext context)
    {
        if (context.Request.ContentLength is { } length)
        {
            return length > 0;
        }

        return context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
    }

    /// <summary>The path and query for the upstream: prefix_rewrite swaps the matched prefix (or the whole path for a path match), regex_rewrite every match.</summary>
    private static string UpstreamPath(HttpRequest request, RouteActionPlan action)
    {
        var path = request.Path.HasValue ? request.Path.ToUriComponent() : "/";
        var query = request.QueryString.ToUriComponent();
        if (action.RegexRewrite is { } regex)
        {
            path = regex.Pattern.Replace(request.Path.Value ?? "/", regex.Substitution);
            path = new PathString(path.StartsWith('/') ? path : "/" + path).ToUriComponent();
        }
        else if (action.PrefixRewrite is { } rewrite && action.MatchedPrefix is { } prefix)
        {
            var raw = request.Path.Value ?? "/";
            var rest = raw.Length >= prefix.Length ? raw[prefix.Length..] : "";
            var rewritten = rewrite + rest;
            path = new PathString(rewritten.StartsWith('/') ? rewritten : "/" + rewritten).ToUriComponent();
        }

        return path + query;
    }

    /// <summary>Where a passthrough request goes without an original destination: the Host (HTTP_PROXY style), port 80 by default.</summary>
    private static async ValueTask<IPEndPoint?> HostDestinationAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var host = request.Host;
        if (!host.HasValue)
        {
            return null;
        }

        if (IPAddress.TryParse(host.Host.Trim('[', ']'), out var literal))
        {
            return new IPEndPoint(literal, host.Port ?? 80);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host.Host, cancellationToken);
            var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return address is null ? null : new IPEndPoint(address, host.Port ?? 80);
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static string StripPort(string host)
    {
        var colon = host.LastIndexOf(':');
        if (colon < 0 || host.EndsWith(']'))
        {
            return host;
        }

        return host[..colon];
    }
}
