using CloudMesh.ControlPlane.Resources;

namespace CloudMesh.ControlPlane.Protocol;

/// <summary>What operators can see of a session from any thread.</summary>
public interface IXdsSessionView
{
    /// <summary>The snapshot the session currently serves.</summary>
    ProxySnapshot Snapshot { get; }

    /// <summary>Per-type protocol state, in push order.</summary>
    IReadOnlyList<XdsTypeStatus> Status { get; }
}

/// <summary>One stream's protocol engine: <see cref="SotwSession"/> or <see cref="DeltaSession"/>. Driven by one thread at a time.</summary>
/// <typeparam name="TRequest">The request message.</typeparam>
/// <typeparam name="TResponse">The response message.</typeparam>
public interface IXdsSession<in TRequest, TResponse> : IXdsSessionView
{
    /// <summary>Processes one request and returns the responses to send, in order.</summary>
    IReadOnlyList<TResponse> HandleRequest(TRequest request);

    /// <summary>Switches to <paramref name="snapshot"/> and returns the pushes it causes, in order.</summary>
    IReadOnlyList<TResponse> HandleSnapshot(ProxySnapshot snapshot);
}
