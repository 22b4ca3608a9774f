using CloudMesh.Proxy.Xds.Configuration;
using CloudMesh.Proxy.Xds.State;
using CloudMesh.Proxy.Xds.Status;
using CloudMesh.Xds;
using Envoy.Service.Discovery.V3;
using Grpc.Core;
using GoogleStatus = Google.Rpc.Status;

namespace CloudMesh.Proxy.Xds.Protocol;

/// <summary>
/// One <c>DeltaAggregatedResources</c> stream: wildcard CDS and LDS, EDS and RDS by name, resuming from the held
/// resource versions (initial_resource_versions); each response applied, then ACKed or NACKed, then subscriptions
/// moved to what the held state refers to. Returns when the server ends the stream; throws on a failed call.
/// </summary>
internal sealed class DeltaAdsSession(
    AggregatedDiscoveryService.AggregatedDiscoveryServiceClient client,
    XdsClientOptions options,
    XdsStateKeeper keeper,
    XdsStatusTracker status)
{
    private const int InvalidArgument = 3;

    private readonly SubscriptionTracker _subscriptions = new();
    private bool _nodeSent;

    /// <summary>True once the server sent a response on this stream.</summary>
    public bool ReceivedResponse { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using AsyncDuplexStreamingCall<DeltaDiscoveryRequest, DeltaDiscoveryResponse> call =
            client.DeltaAggregatedResources(options.MetadataFor(AdsMethods.Delta), cancellationToken: cancellationToken);
        HeldXdsState held = keeper.Held;
        foreach (string typeUrl in new[] { XdsTypeUrls.Cluster, XdsTypeUrls.Listener })
        {
            var request = new DeltaDiscoveryRequest { TypeUrl = typeUrl, ResourceNamesSubscribe = { "*" } };
            request.InitialResourceVersions.Add(held.VersionsOf(typeUrl).ResourceVersions);
            await SendAsync(call, request).ConfigureAwait(false);
        }

        foreach (string typeUrl in SubscriptionTracker.NamedTypes)
        {
            (IReadOnlyList<string> added, _) = _subscriptions.Follow(typeUrl, held.State);
            if (added.Count > 0)
            {
                var request = new DeltaDiscoveryRequest { TypeUrl = typeUrl, ResourceNamesSubscribe = { added } };
                foreach (string name in added)
                {
                    if (held.VersionsOf(typeUrl).ResourceVersions.TryGetValue(name, out string? version))
                    {
                        request.InitialResourceVersions[name] = version;
                    }
                }

                await SendAsync(call, request).ConfigureAwait(false);
            }
        }

        status.Connected();
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            ReceivedResponse = true;
            DeltaDiscoveryResponse response = call.ResponseStream.Current;
            string? rejection = await keeper.ApplyAsync(
                response.TypeUrl, response.SystemVersionInfo, response.Nonce,
                current => XdsStateEditor.ApplyDelta(current, response), cancellationToken).ConfigureAwait(false);

            var answer = new DeltaDiscoveryRequest { TypeUrl = response.TypeUrl, ResponseNonce = response.Nonce };
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

    private async Task FollowSubscriptionsAsync(AsyncDuplexStreamingCall<DeltaDiscoveryRequest, DeltaDiscoveryResponse> call)
    {
        foreach (string typeUrl in SubscriptionTracker.NamedTypes)
        {
            (IReadOnlyList<string> added, IReadOnlyList<string> removed) = _subscriptions.Follow(typeUrl, keeper.Held.State);
            if (added.Count > 0 || removed.Count > 0)
            {
                await SendAsync(call, new DeltaDiscoveryRequest
                {
                    TypeUrl = typeUrl,
                    ResourceNamesSubscribe = { added },
                    ResourceNamesUnsubscribe = { removed },
                }).ConfigureAwait(false);
            }
        }
    }

    private Task SendAsync(AsyncDuplexStreamingCall<DeltaDiscoveryRequest, DeltaDiscoveryResponse> call, DeltaDiscoveryRequest request)
    {
        // The node goes on the stream's first request only, as Envoy does by default.
        if (!_nodeSent)
        {
            request.Node = options.Node;
            _nodeSent = true;
        }

        return call.RequestStream.WriteAsync(request);
    }
}
