using CloudMesh.Proxy.Xds.Persistence;
using CloudMesh.Proxy.Xds.Protocol;
using CloudMesh.Proxy.Xds.Status;
using CloudMesh.Xds;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Proxy.Xds.State;

/// <summary>
/// Owns the accepted state: builds each candidate, hands it to the data plane, keeps it (and persists it) when
/// accepted, keeps the previous one when not. Used by one stream at a time, never concurrently.
/// </summary>
internal sealed partial class XdsStateKeeper(
    IXdsStateHandler handler, string? statePath, XdsStatusTracker status, ILogger logger)
{
    private readonly ILogger _logger = logger;
    private bool _everApplied;

    private volatile HeldXdsState _held = HeldXdsState.Empty;

    /// <summary>The state the data plane runs on, with the versions that resume a stream; readable from any thread.</summary>
    public HeldXdsState Held
    {
        get => _held;
        private set => _held = value;
    }

    /// <summary>
    /// Hands the persisted state (if any) to the data plane before the first connection. A missing file is normal;
    /// an unreadable or corrupt one is logged and ignored.
    /// </summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        if (statePath is null || !File.Exists(statePath))
        {
            return;
        }

        HeldXdsState restored;
        try
        {
            restored = XdsStateFile.Read(statePath);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            LogRestoreFailed(statePath, ex);
            return;
        }

        XdsApplyResult result = await ApplyToDataPlaneAsync(restored.State, "", cancellationToken).ConfigureAwait(false);
        if (!result.IsAccepted)
        {
            LogRestoreRejected(statePath, result.ErrorDetail!);
            return;
        }

        Held = restored;
        _everApplied = true;

        // Operators see the versions the proxy serves, dated when they were persisted.
        DateTimeOffset persistedAt = new(File.GetLastWriteTimeUtc(statePath), TimeSpan.Zero);
        status.Update(s => s with
        {
            Ready = true,
            RestoredFromFile = true,
            Accepted = s.Accepted.SetItems(restored.Versions.Select(v => KeyValuePair.Create(
                v.Key, new XdsAcceptedVersion(v.Key, v.Value.VersionInfo, persistedAt, CountOf(restored.State, v.Key))))),
        });
        LogRestored(statePath, restored.State.Listeners.Count, restored.State.Clusters.Count);
    }

    /// <summary>
    /// Builds the candidate with <paramref name="build"/>, applies it unless it holds exactly what the data plane
    /// already runs, and keeps it when accepted. Returns null (ACK) or the NACK's detail.
    /// </summary>
    public async Task<string?> ApplyAsync(
        string typeUrl, string version, string nonce, Func<HeldXdsState, HeldXdsState> build, CancellationToken cancellationToken)
    {
        HeldXdsState previous = Held;
        HeldXdsState candidate;
        try
        {
            candidate = build(previous);
        }
        catch (XdsResourceException ex)
        {
            return Reject(typeUrl, version, nonce, ex.Message);
        }

        bool changed = !XdsStateEditor.SameResources(candidate.State, previous.State);
        if (changed || !_everApplied)
        {
            XdsApplyResult result = await ApplyToDataPlaneAsync(candidate.State, typeUrl, cancellationToken).ConfigureAwait(false);
            if (!result.IsAccepted)
            {
                return Reject(typeUrl, version, nonce, result.ErrorDetail!);
            }

            _everApplied = true;
        }

        Held = candidate;
        if (changed || !SameVersions(previous, candidate))
        {
            await PersistAsync(candidate, cancellationToken).ConfigureAwait(false);
        }

        // Published after persisting, so a status that shows a version means the file has it too.
        status.Accepted(typeUrl, version, CountOf(candidate.State, typeUrl));
        LogAccepted(XdsTypeUrls.ShortName(typeUrl), version, nonce, changed);
        return null;
    }

    private async Task<XdsApplyResult> ApplyToDataPlaneAsync(XdsState candidate, string typeUrl, CancellationToken cancellationToken)
    {
        try
        {
            return await handler.ApplyAsync(candidate, typeUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A data plane that throws has not applied the state: the proxy stays on the previous one.
            LogHandlerFailed(XdsTypeUrls.ShortName(typeUrl), ex);
            return XdsApplyResult.Rejected($"The data plane failed to apply the configuration: {ex.Message}");
        }
    }

    private string Reject(string typeUrl, string version, string nonce, string detail)
    {
        status.Rejected(typeUrl, version, nonce, detail);
        LogRejected(XdsTypeUrls.ShortName(typeUrl), version, nonce, detail);
        return detail;
    }

    private async Task PersistAsync(HeldXdsState held, CancellationToken cancellationToken)
    {
        if (statePath is null)
        {
            return;
        }

        try
        {
            await XdsStateFile.WriteAsync(statePath, held, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The proxy serves from memory either way; only a restart without a control plane is affected.
            LogPersistFailed(statePath, ex);
        }
    }

    private static bool SameVersions(HeldXdsState a, HeldXdsState b)
    {
        if (a.Versions.Count != b.Versions.Count)
        {
            return false;
        }

        foreach ((string typeUrl, TypeVersions versions) in a.Versions)
        {
            if (!b.Versions.TryGetValue(typeUrl, out TypeVersions? other)
                || versions.VersionInfo != other.VersionInfo
                || versions.ResourceVersions.Count != other.ResourceVersions.Count
                || versions.ResourceVersions.Any(v => other.ResourceVersions.GetValueOrDefault(v.Key) != v.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static int CountOf(XdsState state, string typeUrl) => typeUrl switch
    {
        XdsTypeUrls.Listener => state.Listeners.Count,
        XdsTypeUrls.RouteConfiguration => state.RouteConfigurations.Count,
        XdsTypeUrls.Cluster => state.Clusters.Count,
        XdsTypeUrls.ClusterLoadAssignment => state.ClusterLoadAssignments.Count,
        _ => 0,
    };

    [LoggerMessage(EventId = 10, EventName = "StateRestored", Level = LogLevel.Information,
        Message = "Restored the last accepted xDS state from {Path}: {Listeners} listeners, {Clusters} clusters.")]
    private partial void LogRestored(string path, int listeners, int clusters);

    [LoggerMessage(EventId = 11, EventName = "StateRestoreFailed", Level = LogLevel.Warning,
        Message = "Ignoring the persisted xDS state at {Path}: it cannot be read.")]
    private partial void LogRestoreFailed(string path, Exception exception);

    [LoggerMessage(EventId = 12, EventName = "StateRestoreRejected", Level = LogLevel.Warning,
        Message = "The data plane rejected the persisted xDS state at {Path}: {Detail}")]
    private partial void LogRestoreRejected(string path, string detail);

    [LoggerMessage(EventId = 13, EventName = "ResponseAccepted", Level = LogLevel.Debug,
        Message = "{Type} version '{Version}' (nonce {Nonce}) accepted; changed: {Changed}.")]
    private partial void LogAccepted(string type, string version, string nonce, bool changed);

    [LoggerMessage(EventId = 14, EventName = "ResponseRejected", Level = LogLevel.Warning,
        Message = "{Type} version '{Version}' (nonce {Nonce}) rejected; keeping the previous state: {Detail}")]
    private partial void LogRejected(string type, string version, string nonce, string detail);

    [LoggerMessage(EventId = 15, EventName = "HandlerFailed", Level = LogLevel.Error,
        Message = "The data plane threw while applying a {Type} update; it is rejected.")]
    private partial void LogHandlerFailed(string type, Exception exception);

    [LoggerMessage(EventId = 16, EventName = "PersistFailed", Level = LogLevel.Warning,
        Message = "Could not persist the xDS state to {Path}.")]
    private partial void LogPersistFailed(string path, Exception exception);
}
