using CloudMesh.Proxy.Xds.Configuration;
using CloudMesh.Proxy.Xds.State;
using CloudMesh.Proxy.Xds.Status;
using CloudMesh.Xds;
using Envoy.Service.Discovery.V3;
using Grpc.Core;
using GoogleStatus = Google.Rpc.Status;

namespace CloudMesh.Proxy.Xds.Protocol;

/// <summary>
/// One <c>StreamAggregatedResources</c> stream (state of the world): wildcard CDS and LDS, EDS and RDS by name, each
/// first request carrying the last accepted version_info so an up-to-date proxy is not sent it again. Each response
/// applied, then ACKed (its version) or NACKed (the previous version), then subscriptions moved to what the held
/// state refers to. Returns when the server ends the stream; throws on a failed call.
/// </summary>
internal sealed class SotwAdsSession(
    AggregatedDiscoveryService.AggregatedDiscoveryServiceClient client,
    XdsClientOptions options,
    XdsStateKeeper keeper,
    XdsStatusTracker status)
{
    private const int InvalidArgument = 3;

    private readonly SubscriptionTracker _subscriptions = new();
    private readonly Dictionary<string, string> _lastNonce = new(StringComparer.Ordinal);
    private bool _nodeSent;

    /// <summary>True once the server sent a response on this stream.</summary>
    public bool ReceivedResponse { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using AsyncDuplexStreamingCall<DiscoveryRequest, DiscoveryResponse> call =
            client.StreamAggregatedResources(options.MetadataFor(AdsMethods.Stream), cancellationToken: cancellationToken);
        HeldXdsState held = keeper.Held;
        foreach (string typeUrl in new[] { XdsTypeUrls.Cluster, XdsTypeUrls.Listener })
        {
            await SendAsync(call, new DiscoveryRequest { TypeUrl = typeUrl, VersionInfo = held.VersionsOf(typeUrl).VersionInfo })
                .ConfigureAwait(false);
        }

        foreach (string typeUrl in SubscriptionTracker.NamedTypes)
        {
            (IReadOnlyList<string> added, _) = _subscriptions.Follow(typeUrl, held.State);
            if (added.Count > 0)
            {
                await SendAsync(call, new DiscoveryRequest
                {
                    TypeUrl = typeUrl,
                    VersionInfo = held.VersionsOf(typeUrl).VersionInfo,
                    ResourceNames = { added },
                }).ConfigureAwait(false);
            }
        }

        status.Connected();
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            ReceivedResponse = true;
            DiscoveryResponse response = call.ResponseStream.Current;
            _lastNonce[response.TypeUrl] = response.Nonce;
            string? rejection = await keeper.ApplyAsync(
                response.TypeUrl, response.VersionInfo, response.Nonce,
                current => XdsStateEditor.ApplySotw(current, response), cancellationToken).ConfigureAwait(false);

            // An ACK carries the new version, a NACK the one still in use; both keep the type's subscription as it is.
            var answer = new DiscoveryRequest
            {
                TypeUrl = response.TypeUrl,
                ResponseNonce = response.Nonce,
                VersionInfo = rejection is null ? response.VersionInfo : keeper.Held.VersionsOf(response.TypeUrl).VersionInfo,
            };
            if (SubscriptionTracker.NamedTypes.Contains(response.TypeUrl))
            {
                answer.ResourceNames.Add(_subscriptions.Subscribed(response.TypeUrl));
            }

            if (rejection is not null)
            {
                answer.ErrorDetail = new GoogleStatus { Code = InvalidArgument, Message = rejection };
            }

            await SendAsync(call, answer).ConfigureAwait(false);
            if (rejection is null)
            {
                await FollowSubscriptionsAsync(call).ConfigureAwait(false);
            }
        }
    }

    private async Task FollowSubscriptionsAsync(AsyncDuplexStreamingCall<DiscoveryRequest, DiscoveryResponse> call)
    {
        foreach (string typeUrl in SubscriptionTracker.NamedTypes)
        {
            (IReadOnlyList<string> added, IReadOnlyList<string> removed) = _subscriptions.Follow(typeUrl, keeper.Held.State);
            if (added.Count == 0 && removed.Count == 0)
            {
                continue;
            }

            // State of the world names the whole new set; the latest nonce of the type keeps the server from
            // taking it for a stale request. An empty set (after names were sent) unsubscribes from everything.
            await SendAsync(call, new DiscoveryRequest
            {
                TypeUrl = typeUrl,
                VersionInfo = keeper.Held.VersionsOf(typeUrl).VersionInfo,
                ResponseNonce = _lastNonce.GetValueOrDefault(typeUrl, ""),
                ResourceNames = { _subscriptions.Subscribed(typeUrl) },
            }).ConfigureAwait(false);
        }
    }

    private Task SendAsync(AsyncDuplexStreamingCall<DiscoveryRequest, DiscoveryResponse> call, DiscoveryRequest request)
    {
        if (!_nodeSent)
        {
            request.Node = options.Node;
            _nodeSent = true;
        }

        return call.RequestStream.WriteAsync(request);
    }
}
