using CloudMesh.ControlPlane.Identity;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Protocol;
using CloudMesh.ControlPlane.Resources;

namespace CloudMesh.ControlPlane.Server;

/// <summary>One open xDS stream, as operators see it (<c>/debug/proxies</c>). Thread-safe to read.</summary>
public sealed class ConnectedProxy
{
    private readonly IXdsSessionView _session;

    internal ConnectedProxy(
        long streamId,
        string nodeId,
        ProxyIdentity identity,
        string streamKind,
        string replicaId,
        XdsAuthenticationMethod authentication,
        string peer,
        DateTimeOffset connectedSince,
        IXdsSessionView session,
        InstanceRegistration? instance)
    {
        StreamId = streamId;
        NodeId = nodeId;
        Identity = identity;
        StreamKind = streamKind;
        ReplicaId = replicaId;
        Authentication = authentication;
        Peer = peer;
        ConnectedSince = connectedSince;
        _session = session;
        Instance = instance;
    }

    /// <summary>Unique on this replica.</summary>
    public long StreamId { get; }

    /// <summary>The node id the proxy sent.</summary>
    public string NodeId { get; }

    /// <summary>The identity the stream is bound to (its tenant is <see cref="ProxyIdentity.AccountId"/>).</summary>
    public ProxyIdentity Identity { get; }

    /// <summary><c>sotw</c> (StreamAggregatedResources) or <c>delta</c> (DeltaAggregatedResources).</summary>
    public string StreamKind { get; }

    /// <summary>The replica serving the stream.</summary>
    public string ReplicaId { get; }

    /// <summary>How the stream was authenticated.</summary>
    public XdsAuthenticationMethod Authentication { get; }

    /// <summary>The client's address as the transport reports it.</summary>
    public string Peer { get; }

    /// <summary>When the stream was accepted.</summary>
    public DateTimeOffset ConnectedSince { get; }

    /// <summary>The instance registered for the proxy, if it announced one.</summary>
    public InstanceRegistration? Instance { get; }

    /// <summary>Per-type protocol state: subscriptions, sent and ACKed versions and nonces, last NACK.</summary>
    public IReadOnlyList<XdsTypeStatus> Status => _session.Status;

    /// <summary>The snapshot the stream currently serves.</summary>
    public ProxySnapshot Snapshot => _session.Snapshot;
}
