using CloudMesh.ControlPlane.Protocol;

namespace CloudMesh.ControlPlane.Tests.Support;

/// <summary>Remembers the ACKs and NACKs a session reports.</summary>
internal sealed class RecordingObserver : IXdsSessionObserver
{
    public List<(string TypeUrl, string? Version)> Acks { get; } = [];

    public List<NackRecord> Nacks { get; } = [];

    public void OnAck(string typeUrl, string? version) => Acks.Add((typeUrl, version));

    public void OnNack(NackRecord nack) => Nacks.Add(nack);
}
