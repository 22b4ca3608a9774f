using CoreControlPlane = Envoy.Config.Core.V3.ControlPlane;

namespace CloudMesh.ControlPlane.Protocol;

/// <summary>What a protocol session needs besides the requests: who we are, a clock, and an observer.</summary>
public sealed class XdsSessionOptions
{
    /// <summary>Creates options for a replica.</summary>
    public XdsSessionOptions(string replicaId, TimeProvider timeProvider, IXdsSessionObserver? observer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(replicaId);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ReplicaId = replicaId;
        TimeProvider = timeProvider;
        Observer = observer;
        ControlPlane = new CoreControlPlane { Identifier = replicaId };
    }

    private XdsSessionOptions(XdsSessionOptions template, IXdsSessionObserver observer)
    {
        ReplicaId = template.ReplicaId;
        TimeProvider = template.TimeProvider;
        ControlPlane = template.ControlPlane;
        Observer = observer;
    }

    /// <summary>Put into every response's control_plane.identifier, so a proxy's logs say which replica configured it.</summary>
    public string ReplicaId { get; }

    /// <summary>The clock NACK records are stamped with.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Told about ACKs and NACKs; optional.</summary>
    public IXdsSessionObserver? Observer { get; }

    /// <summary>The same options with another observer (the control_plane message stays shared).</summary>
    public XdsSessionOptions WithObserver(IXdsSessionObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return new XdsSessionOptions(this, observer);
    }

    /// <summary>One instance shared by every response (never mutated).</summary>
    internal CoreControlPlane ControlPlane { get; }
}
