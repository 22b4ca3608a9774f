using System.Globalization;
using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Kubernetes.Controller;

/// <summary>
/// Elects one leader among controller replicas with a Lease, as client-go's leaderelection does: acquire when the
/// lease is free, expired or already ours (writes are conditional on the resourceVersion, so two candidates cannot
/// both win), renew every retry period, give leadership up when renewing fails for the renew deadline, and release the
/// lease on shutdown so a successor need not wait for it to expire. Followers keep their caches warm (the webhook
/// serves from them); only the leader reconciles.
/// </summary>
public sealed partial class LeaderElector(KubernetesClient kube, LeaderElectionOptions options, ILogger logger, TimeProvider? time = null)
{
    /// <summary><c>coordination.k8s.io/v1</c> Leases.</summary>
    public static readonly KubernetesResourceType Leases = new("coordination.k8s.io", "v1", "leases", "Lease", true);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private volatile bool _leader;

    /// <summary>Whether this replica holds the lease now.</summary>
    public bool IsLeader => _leader;

    /// <summary>
    /// Waits until this replica is the leader, then keeps renewing in the background. The token returned is cancelled
    /// when leadership is lost (or <paramref name="ct"/> is cancelled, which also releases the lease).
    /// </summary>
    public async Task<CancellationToken> AcquireAsync(CancellationToken ct)
    {
        while (!await TryAcquireOrRenewAsync(ct))
        {
            await Task.Delay(options.RetryPeriod, _time, ct);
        }

        _leader = true;
        Log.Acquired(logger, options.Identity, options.Namespace, options.Name);
        var lost = new CancellationTokenSource();
        _ = RenewAsync(lost, ct);
        return lost.Token;
    }

    private async Task RenewAsync(CancellationTokenSource lost, CancellationToken ct)
    {
        var lastRenewal = _time.GetUtcNow();
        try
        {
            while (true)
            {
                await Task.Delay(options.RetryPeriod, _time, ct);
                if (await TryAcquireOrRenewAsync(ct))
                {
                    lastRenewal = _time.GetUtcNow();
                }
                else if (_time.GetUtcNow() - lastRenewal >= options.RenewDeadline)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            await ReleaseAsync();
        }

        _leader = false;
        Log.Lost(logger, options.Identity);
        await lost.CancelAsync();
    }

    /// <summary>One attempt; false when someone else holds an unexpired lease, or the write lost a race, or failed.</summary>
    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken ct)
    {
        try
        {
            var now = _time.GetUtcNow();
            var lease = await kube.GetAsync(Leases, options.Namespace, options.Name, ct);
            if (lease is null)
            {
                await kube.CreateAsync(Leases, new JsonObject
                {
                    ["apiVersion"] = "coordination.k8s.io/v1",
                    ["kind"] = "Lease",
                    ["metadata"] = new JsonObject { ["name"] = options.Name, ["namespace"] = options.Namespace },
                    ["spec"] = Spec(now, acquired: now, transitions: 0),
                }, ct);
                return true;
            }

            var spec = lease["spec"];
            var holder = KubernetesObjects.String(spec?["holderIdentity"]);
            var renewed = DateTimeOffset.TryParse(KubernetesObjects.String(spec?["renewTime"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var r) ? r : DateTimeOffset.MinValue;
            var duration = spec?["leaseDurationSeconds"] is JsonValue d && int.TryParse(d.ToJsonString(), CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : options.LeaseDuration;
            var ours = holder == options.Identity;
            if (!ours && !string.IsNullOrEmpty(holder) && renewed + duration > now)
            {
                return false;
            }

            var transitions = spec?["leaseTransitions"] is JsonValue t && int.TryParse(t.ToJsonString(), CultureInfo.InvariantCulture, out var n) ? n : 0;
            var acquired = ours && DateTimeOffset.TryParse(KubernetesObjects.String(spec?["acquireTime"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var a) ? a : now;
            await kube.PatchAsync(Leases, options.Namespace, options.Name, new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = KubernetesObjects.ResourceVersion(lease) },
                ["spec"] = Spec(now, acquired, ours ? transitions : transitions + 1),
            }, ct);
            return true;
        }
        catch (KubernetesApiException e) when (e.StatusCode is System.Net.HttpStatusCode.Conflict)
        {
            return false; // another candidate wrote first
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or IOException)
        {
            Log.AttemptFailed(logger, options.Namespace, options.Name, e);
            return false;
        }
    }

    /// <summary>Gives the lease up (empty holder, 1 s duration) if still ours; best effort.</summary>
    private async Task ReleaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var lease = await kube.GetAsync(Leases, options.Namespace, options.Name, timeout.Token);
            if (lease is null || KubernetesObjects.String(lease["spec"]?["holderIdentity"]) != options.Identity)
            {
                return;
            }

            await kube.PatchAsync(Leases, options.Namespace, options.Name, new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = KubernetesObjects.ResourceVersion(lease) },
                ["spec"] = new JsonObject { ["holderIdentity"] = "", ["leaseDurationSeconds"] = 1 },
            }, timeout.Token);
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or IOException or OperationCanceledException)
        {
            Log.AttemptFailed(logger, options.Namespace, options.Name, e);
        }
    }

    private JsonObject Spec(DateTimeOffset now, DateTimeOffset acquired, int transitions) => new()
    {
        ["holderIdentity"] = options.Identity,
        ["leaseDurationSeconds"] = (int)options.LeaseDuration.TotalSeconds,
        ["acquireTime"] = MicroTime(acquired),
        ["renewTime"] = MicroTime(now),
        ["leaseTransitions"] = transitions,
    };

    /// <summary>metav1.MicroTime: RFC 3339 with microseconds, UTC.</summary>
    private static string MicroTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Identity} is the leader (lease {Namespace}/{Name})")]
        public static partial void Acquired(ILogger logger, string identity, string @namespace, string name);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Identity} is no longer the leader")]
        public static partial void Lost(ILogger logger, string identity);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "lease {Namespace}/{Name}: attempt failed")]
        public static partial void AttemptFailed(ILogger logger, string @namespace, string name, Exception exception);
    }
}
