using System.Collections.Concurrent;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Sources;

namespace CloudMesh.ControlPlane.Tests.Support;

/// <summary>
/// Stands in for the PostgreSQL-backed source (loader + compiler, tested with the API and the compiler): tests set
/// each identity's <see cref="ProxyConfig"/> directly. Counts calls, and can hold them at a gate or fail them.
/// </summary>
internal sealed class InMemoryProxyConfigSource : IProxyConfigSource
{
    private readonly ConcurrentDictionary<ProxyIdentity, ProxyConfig?> _configs = new();
    private readonly ConcurrentDictionary<ProxyIdentity, int> _calls = new();
    private volatile TaskCompletionSource? _gate;
    private volatile Exception? _failure;

    public void Set(ProxyIdentity identity, ProxyConfig? config) => _configs[identity] = config;

    public int Calls(ProxyIdentity identity) => _calls.GetValueOrDefault(identity);

    public int TotalCalls => _calls.Values.Sum();

    /// <summary>From now on calls wait until <see cref="Open"/>; <see cref="Entered"/> completes when one is waiting.</summary>
    public void Close()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public TaskCompletionSource Entered { get; private set; } = new();

    public void Open() => Interlocked.Exchange(ref _gate, null)?.TrySetResult();

    public void FailWith(Exception? failure) => _failure = failure;

    public async ValueTask<ProxyConfig?> GetConfigAsync(ProxyIdentity proxy, CancellationToken cancellationToken)
    {
        _calls.AddOrUpdate(proxy, 1, static (_, n) => n + 1);
        if (_gate is { } gate)
        {
            Entered.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (_failure is { } failure)
        {
            throw failure;
        }

        return _configs.GetValueOrDefault(proxy);
    }
}
