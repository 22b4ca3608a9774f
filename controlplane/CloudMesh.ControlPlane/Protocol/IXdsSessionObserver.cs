namespace CloudMesh.ControlPlane.Protocol;

/// <summary>
/// Told about ACKs and NACKs as a session processes requests (metrics and logs). Called on the session's thread;
/// implementations must return quickly.
/// </summary>
public interface IXdsSessionObserver
{
    /// <summary>The client accepted the latest response of <paramref name="typeUrl"/>.</summary>
    void OnAck(string typeUrl, string? version);

    /// <summary>The client rejected the latest response of <paramref name="nack"/>'s type.</summary>
    void OnNack(NackRecord nack);
}
