using CloudMesh.Xds;
using Envoy.Config.Core.V3;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.Proxy.Hosting;

/// <summary>
/// Completes the instance a proxy announces in its node metadata, which the control plane registers for EDS while the
/// stream lives (<see cref="NodeMetadataKeys"/>). The environment (<c>CLOUDMESH_INSTANCE_ADDRESS</c>, set on VMs and
/// wherever the address is known) always wins; otherwise, in an ECS task, the task metadata endpoint gives the task's
/// address, its ARN as the instance id and its zone. When that endpoint cannot be read the proxy logs why and starts
/// without announcing an instance (it still gets its configuration; nothing routes to it until it is registered).
/// </summary>
internal sealed partial class InstanceAnnouncement(ILogger logger)
{
    /// <summary>Tries per start, so a metadata endpoint still starting (or a dropped packet) does not cost the registration.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>The wait between tries.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one request to the metadata endpoint may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Fills <paramref name="node"/>'s instance metadata from the ECS task, when running in one and nothing is set explicitly.</summary>
    public async Task CompleteAsync(Node node, Func<string, string?> environment, HttpMessageHandler? handler = null, CancellationToken cancellationToken = default)
    {
        node.Metadata ??= new Struct();
        if (node.Metadata.Fields.TryGetValue(NodeMetadataKeys.InstanceAddress, out var explicitAddress))
        {
            LogExplicitAddress(explicitAddress.StringValue);
            return;
        }

        if (environment(EcsTaskMetadata.UriVariable) is not { Length: > 0 } uriText)
        {
            return;
        }

        if (!Uri.TryCreate(uriText.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            LogUnusable(uriText, "not an http:// URL");
            return;
        }

        var task = await FetchAsync(uri, handler, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return;
        }

        if (task.Address is null)
        {
            LogNoAddress(task.TaskArn);
            return;
        }

        node.Metadata.Fields[NodeMetadataKeys.InstanceAddress] = Value.ForString(task.Address.ToString());
        if (!node.Metadata.Fields.ContainsKey(NodeMetadataKeys.InstanceId))
        {
            node.Metadata.Fields[NodeMetadataKeys.InstanceId] = Value.ForString(task.TaskArn);
        }

        if (task.AvailabilityZone is { } zone)
        {
            // arn:aws:ecs:<region>:<account>:task/...: the region is the ARN's fourth field.
            var parts = task.TaskArn.Split(':');
            node.Locality = new Locality { Region = parts.Length > 3 ? parts[3] : "", Zone = zone };
        }

        LogAnnounced(task.TaskArn, task.Address.ToString(), task.AvailabilityZone ?? "unknown");
    }

    private async Task<EcsTaskMetadata?> FetchAsync(Uri uri, HttpMessageHandler? handler, CancellationToken cancellationToken)
    {
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = RequestTimeout;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await EcsTaskMetadata.FetchAsync(http, uri, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or FormatException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (attempt >= Attempts || e is FormatException)
                {
                    LogUnusable(uri.ToString(), e.Message);
                    return null;
                }
            }

            await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Announcing instance {Address} (CLOUDMESH_INSTANCE_ADDRESS)")]
    private partial void LogExplicitAddress(string address);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "ECS task {TaskArn}: announcing instance {Address} in zone {Zone}")]
    private partial void LogAnnounced(string taskArn, string address, string zone);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "ECS task metadata at {Uri} unusable ({Reason}): no instance announced; set CLOUDMESH_INSTANCE_ADDRESS or register the task through /cloudmesh/v1")]
    private partial void LogUnusable(string uri, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "ECS task {TaskArn} has no awsvpc IPv4 address (bridge or host network mode): no instance announced; set CLOUDMESH_INSTANCE_ADDRESS")]
    private partial void LogNoAddress(string taskArn);
}
