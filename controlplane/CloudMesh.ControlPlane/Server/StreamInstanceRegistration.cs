using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Sources;
using Envoy.Config.Core.V3;
using Microsoft.Extensions.Logging;

namespace CloudMesh.ControlPlane.Server;

/// <summary>
/// Registers the instance a proxy announces in node metadata when its stream opens and deregisters it when the
/// stream ends; best effort (failures are logged, the proxy still gets its configuration).
/// </summary>
internal sealed partial class StreamInstanceRegistration(IEndpointRegistrar? registrar, ILogger logger)
{
    private static readonly TimeSpan DeregisterTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The announced instance, or null (none announced, or an invalid port, which is logged).</summary>
    public InstanceRegistration? Read(Node node)
    {
        try
        {
            return InstanceRegistration.From(node);
        }
        catch (FormatException ex)
        {
            LogInstanceIgnored(node.Id, ex.Message);
            return null;
        }
    }

    public async Task RegisterAsync(ProxyIdentity identity, InstanceRegistration instance, CancellationToken cancellationToken)
    {
        if (registrar is null)
        {
            return;
        }

        try
        {
            await registrar.RegisterAsync(identity, instance.InstanceId, instance.Address, instance.Port, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The periodic renewal tries again.
            LogRegistrationFailed(identity, instance.InstanceId, ex);
        }
    }

    /// <summary>Deregisters with its own timeout: the stream's cancellation has usually fired by now.</summary>
    public async Task DeregisterAsync(ProxyIdentity identity, InstanceRegistration instance)
    {
        if (registrar is null)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(DeregisterTimeout);
            await registrar.DeregisterAsync(identity, instance.InstanceId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogDeregistrationFailed(identity, instance.InstanceId, ex);
        }
    }

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "Ignoring the instance announced by {NodeId}: {Reason}")]
    private partial void LogInstanceIgnored(string nodeId, string reason);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "Registering instance {InstanceId} of {Identity} failed")]
    private partial void LogRegistrationFailed(ProxyIdentity identity, string instanceId, Exception exception);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning, Message = "Deregistering instance {InstanceId} of {Identity} failed")]
    private partial void LogDeregistrationFailed(ProxyIdentity identity, string instanceId, Exception exception);
}
