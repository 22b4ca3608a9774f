using CloudMesh.ControlPlane.Diagnostics;
using CloudMesh.ControlPlane.Protocol;
using CloudMesh.ControlPlane.Resources;
using CloudMesh.Xds;
using Microsoft.Extensions.Logging;

namespace CloudMesh.ControlPlane.Server;

/// <summary>Counts and logs one stream's NACKs (ACKs are the normal case and only visible in <c>/debug/proxies</c>).</summary>
internal sealed partial class StreamObserver(ControlPlaneMetrics metrics, ILogger logger, string nodeId) : IXdsSessionObserver
{
    public void OnAck(string typeUrl, string? version)
    {
    }

    public void OnNack(NackRecord nack)
    {
        metrics.Nacks.Increment(XdsTypeUrls.ShortName(nack.TypeUrl));
        LogNack(nodeId, XdsTypeUrls.ShortName(nack.TypeUrl), nack.RejectedVersion, nack.ClientVersion, nack.Message);
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "Proxy {NodeId} rejected {Type} version {RejectedVersion} and keeps version {ClientVersion}: {Error}")]
    private partial void LogNack(string nodeId, string type, string? rejectedVersion, string clientVersion, string error);
}
