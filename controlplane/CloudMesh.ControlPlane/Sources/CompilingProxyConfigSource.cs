using System.Collections.Concurrent;
using CloudMesh.ControlPlane.Compiler;
using CloudMesh.ControlPlane.Model;
using Microsoft.Extensions.Logging;

namespace CloudMesh.ControlPlane.Sources;

/// <summary>
/// The production <see cref="IProxyConfigSource"/>: loads a tenant's mesh once per change (through an
/// <see cref="IMeshSnapshotLoader"/>), prepares it with the compiler once, and compiles each proxy identity
/// at most once per mesh version, however many streams share that identity. Each version is prepared from the
/// previous one (<see cref="MeshCompiler.Prepare(MeshSnapshot, CompiledMesh?)"/>), so resources of nodes that did not
/// change are reused rather than rebuilt. A compiled config that fails <see cref="ConsistencyCheck"/> is never
/// published: the identity keeps its last consistent config. Those are kept only for identities compiled in the
/// current or the previous version of their mesh, so identities that went away do not accumulate.
/// </summary>
public sealed class CompilingProxyConfigSource(IMeshSnapshotLoader loader, ILogger<CompilingProxyConfigSource> logger)
    : IProxyConfigSource, IConfigCacheInvalidator
{
    private readonly ConcurrentDictionary<(string AccountId, string MeshName), MeshEntry> _meshes = new();
    private readonly ConcurrentDictionary<ProxyIdentity, ProxyConfig> _lastConsistent = new();
    private readonly ConcurrentDictionary<(string AccountId, string MeshName), CompiledMesh> _latest = new();

    /// <summary>How many identities have a last consistent config kept (tests of the pruning).</summary>
    internal int LastConsistentCount => _lastConsistent.Count;

    /// <summary>Raised after every mesh compile with how long Prepare took (metrics hook).</summary>
    public event Action<TimeSpan>? MeshPrepared;

    /// <summary>Raised when a compiled config failed the consistency check and was withheld.</summary>
    public event Action<ProxyIdentity, IReadOnlyList<string>>? ConfigWithheld;

    /// <inheritdoc />
    public async ValueTask<ProxyConfig?> GetConfigAsync(ProxyIdentity proxy, CancellationToken cancellationToken)
    {
        var key = (proxy.AccountId, proxy.MeshName);
        var entry = _meshes.GetOrAdd(key, _ => new MeshEntry());
        CompiledMesh? compiled;
        try
        {
            compiled = await entry.Load(() => PrepareAsync(proxy.AccountId, proxy.MeshName)).WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed load must not stick: the next caller tries again.
            _meshes.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }

        if (compiled is null)
        {
            return null;
        }

        return entry.Configs.GetOrAdd(proxy, identity => Compile(compiled, identity));
    }

    /// <inheritdoc />
    public void Invalidate(MeshChange change)
    {
        Dictionary<(string AccountId, string MeshName), MeshEntry>? retired = null;
        foreach (var key in _meshes.Keys)
        {
            if (change.Affects(key.AccountId, key.MeshName) && _meshes.TryRemove(key, out MeshEntry? entry))
            {
                (retired ??= []).Add(key, entry);
            }
        }

        if (retired is not null)
        {
            Prune(retired);
        }
    }

    /// <summary>
    /// Drops the last consistent configs of identities that a retired version of their mesh did not compile: nothing
    /// asked for them during a whole version, so no stream of theirs is connected to this replica any more. One pass
    /// over the kept configs, however many meshes retired (a resync retires them all).
    /// </summary>
    private void Prune(Dictionary<(string AccountId, string MeshName), MeshEntry> retired)
    {
        foreach (ProxyIdentity identity in _lastConsistent.Keys)
        {
            if (retired.TryGetValue((identity.AccountId, identity.MeshName), out MeshEntry? entry) && !entry.Configs.ContainsKey(identity))
            {
                _lastConsistent.TryRemove(identity, out _);
            }
        }
    }

    private async Task<CompiledMesh?> PrepareAsync(string accountId, string meshName)
    {
        var snapshot = await loader.LoadAsync(accountId, meshName, CancellationToken.None);
        if (snapshot is null)
        {
            _latest.TryRemove((accountId, meshName), out _);
            return null;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var compiled = MeshCompiler.Prepare(snapshot, _latest.GetValueOrDefault((accountId, meshName)));
        _latest[(accountId, meshName)] = compiled;
        MeshPrepared?.Invoke(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return compiled;
    }

    private ProxyConfig? Compile(CompiledMesh mesh, ProxyIdentity identity)
    {
        var config = mesh.Compile(identity);
        if (config is null)
        {
            _lastConsistent.TryRemove(identity, out _);
            return null;
        }

        var problems = ConsistencyCheck.Verify(config);
        if (problems.Count == 0)
        {
            _lastConsistent[identity] = config;
            return config;
        }

        logger.LogError("Withheld an inconsistent config for {Proxy}: {Problems}", identity, string.Join("; ", problems));
        ConfigWithheld?.Invoke(identity, problems);
        return _lastConsistent.GetValueOrDefault(identity);
    }

    /// <summary>One mesh version: its load (shared by concurrent callers) and the configs compiled from it.</summary>
    private sealed class MeshEntry
    {
        private Task<CompiledMesh?>? _load;

        public ConcurrentDictionary<ProxyIdentity, ProxyConfig?> Configs { get; } = new();

        public Task<CompiledMesh?> Load(Func<Task<CompiledMesh?>> load)
        {
            // Task.Run: the load starts outside the lock and every concurrent caller shares it.
            lock (Configs)
            {
                return _load ??= Task.Run(load);
            }
        }
    }
}
