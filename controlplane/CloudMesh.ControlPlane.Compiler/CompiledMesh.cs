using CloudMesh.ControlPlane.Compiler.Emit;
using CloudMesh.ControlPlane.Compiler.Planning;
using CloudMesh.ControlPlane.Model;

namespace CloudMesh.ControlPlane.Compiler;

/// <summary>
/// A mesh prepared by <see cref="MeshCompiler.Prepare"/>: projects any proxy's configuration at a cost
/// proportional to that proxy's listeners and backends. Immutable; safe to use from any number of threads.
/// Every call builds fresh protobuf messages, so callers own (and may modify) what they get.
/// </summary>
public sealed class CompiledMesh
{
    private readonly string _accountId;
    private readonly MeshIndex _index;

    internal CompiledMesh(string accountId, MeshIndex index)
    {
        _accountId = accountId;
        _index = index;
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
        var clusters = new EgressClusters(_index);
        if (proxy.Kind == ProxyKind.VirtualNode)
        {
            if (_index.Node(proxy.Name) is not { } node)
            {
                return null;
            }

            InboundPath.Build(_index, node, resources);
            var backends = ResolvedBackend.Of(_index, node);
            OutboundPath.Build(_index, node, backends, clusters, resources);
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
}
