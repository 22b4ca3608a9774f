using System.Collections.Concurrent;

namespace CloudMesh.ControlPlane.Server;

/// <summary>The open xDS streams of this replica. Thread-safe.</summary>
public sealed class ConnectedProxyRegistry
{
    private readonly ConcurrentDictionary<long, ConnectedProxy> _proxies = new();
    private long _nextStreamId;

    /// <summary>How many streams are open.</summary>
    public int Count => _proxies.Count;

    /// <summary>A new stream id.</summary>
    internal long NextStreamId() => Interlocked.Increment(ref _nextStreamId);

    internal void Add(ConnectedProxy proxy) => _proxies[proxy.StreamId] = proxy;

    internal void Remove(ConnectedProxy proxy) => _proxies.TryRemove(proxy.StreamId, out _);

    /// <summary>True while <paramref name="proxy"/>'s stream is open.</summary>
    public bool Contains(ConnectedProxy proxy) => _proxies.ContainsKey(proxy.StreamId);

    /// <summary>Every open stream, ordered by stream id.</summary>
    public IReadOnlyList<ConnectedProxy> All() => [.. _proxies.Values.OrderBy(p => p.StreamId)];

    /// <summary>The streams of node <paramref name="nodeId"/>, oldest first.</summary>
    public IReadOnlyList<ConnectedProxy> FindByNodeId(string nodeId) =>
        [.. _proxies.Values.Where(p => p.NodeId == nodeId).OrderBy(p => p.StreamId)];
}
