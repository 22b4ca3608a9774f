using CloudMesh.ControlPlane.Protocol;
using CloudMesh.ControlPlane.Resources;
using Envoy.Config.Core.V3;
using Envoy.Service.Discovery.V3;

namespace CloudMesh.ControlPlane.Server;

/// <summary>What differs between the two ADS methods, so one stream loop serves both.</summary>
/// <typeparam name="TRequest">The request message.</typeparam>
/// <typeparam name="TResponse">The response message.</typeparam>
internal sealed class XdsStreamKind<TRequest, TResponse>(
    string name,
    Func<TRequest, Node?> nodeOf,
    Func<ProxySnapshot, XdsSessionOptions, IXdsSession<TRequest, TResponse>> createSession,
    Func<TResponse, string> typeUrlOf)
{
    public string Name { get; } = name;

    public Node? NodeOf(TRequest request) => nodeOf(request);

    public IXdsSession<TRequest, TResponse> CreateSession(ProxySnapshot snapshot, XdsSessionOptions options) =>
        createSession(snapshot, options);

    public string TypeUrlOf(TResponse response) => typeUrlOf(response);
}

/// <summary>The two stream kinds.</summary>
internal static class XdsStreamKinds
{
    public static XdsStreamKind<DiscoveryRequest, DiscoveryResponse> StateOfTheWorld { get; } = new(
        "sotw", r => r.Node, (s, o) => new SotwSession(s, o), r => r.TypeUrl);

    public static XdsStreamKind<DeltaDiscoveryRequest, DeltaDiscoveryResponse> Delta { get; } = new(
        "delta", r => r.Node, (s, o) => new DeltaSession(s, o), r => r.TypeUrl);
}
