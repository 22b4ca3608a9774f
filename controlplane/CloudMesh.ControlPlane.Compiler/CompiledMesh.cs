using CloudMesh.ControlPlane.Compiler.Emit;
using CloudMesh.ControlPlane.Compiler.Planning;
using CloudMesh.ControlPlane.Model;

namespace CloudMesh.ControlPlane.Compiler;

/// <summary>
/// A mesh prepared by <see cref="MeshCompiler.Prepare(MeshSnapshot)"/>: projects any proxy's configuration at a cost
/// proportional to that proxy's listeners and backends. Safe to use from any number of threads.
/// Resources that are the same for several proxies (an egress cluster and its assignment, an egress route
/// configuration, an egress listener without TCP chains) are built once and every
/// <see cref="ProxyConfig"/> that contains them holds the same message instances; a node's inbound listener, routes
/// and local clusters are also kept by later versions while the node's spec does not change (see <see cref="MeshCompiler.Prepare(MeshSnapshot, CompiledMesh?)"/>).
/// Treat every message returned as immutable: a change would reach every proxy sharing it.
/// </summary>
public sealed class CompiledMesh
{
    private readonly string _accountId;
    private readonly MeshIndex _index;
    private readonly SharedResources _shared;

    internal CompiledMesh(string accountId, MeshIndex index, CompiledMesh? previous)
    {
        _accountId = accountId;
        _index = index;

        // Only another version of the same mesh can hand on its inbound resources (their keys name the mesh too).
        var carried = previous is not null && previous._accountId == accountId ? previous._shared.Inbound : null;
        _shared = new SharedResources(carried);
    }

    /// <summary>The mesh's name.</summary>
    public string MeshName => _index.MeshName;

    /// <summary>Every proxy this mesh can configure: its virtual nodes and virtual gateways, in name order.</summary>
    public IEnumerable<ProxyIdentity> Proxies =>
        _index.NodeNames.Order(StringComparer.Ordinal).Select(n => new ProxyIdentity(_accountId, MeshName, ProxyKind.VirtualNode, n))
            .Concat(_index.GatewayNames.Order(StringComparer.Ordinal).Select(g => new ProxyIdentity(_accountId, MeshName, ProxyKind.VirtualGateway, g)));

    /// <summary>
    /// The proxy's configuration, or null when its virtual node or virtual gateway does not exist in this
    /// snapshot (or the identity names another tenant or mesh).
    /// </summary>
    /// <param name="proxy">The proxy's identity.</param>
    public ProxyConfig? Compile(ProxyIdentity proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        if (proxy.AccountId != _accountId || proxy.MeshName != _index.MeshName)
        {
            return null;
        }

        var resources = new ProxyResources();
        var clusters = new EgressClusters(_index, _shared);
        if (proxy.Kind == ProxyKind.VirtualNode)
        {
            if (_index.Node(proxy.Name) is not { } node)
            {
                return null;
            }

            InboundPath.Build(_index, _shared.Inbound, node, resources);
            var backends = ResolvedBackend.Of(_index, node);
            OutboundPath.Build(_index, _shared, node, backends, clusters, resources);
            ProxylessPath.Build(backends, clusters, resources);
        }
        else
        {
            if (_index.Gateway(proxy.Name) is not { } gateway)
            {
                return null;
            }

            GatewayPath.Build(_index, gateway, clusters, resources);
        }

        clusters.AddTo(resources);
        return resources.ToConfig();
    }

    /// <summary>How many distinct inbound resource sets this version holds (tests of the sharing).</summary>
    internal int InboundEntries => _shared.Inbound.Count;
}
