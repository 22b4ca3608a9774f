using System.Text.Json;
using CloudMesh.ControlPlane.Model;

namespace CloudMesh.Proxy.Xds.Tests.Support;

/// <summary>
/// Tenant <see cref="AccountId"/>'s mesh "shop" as the API would store it: virtual node "front" (the proxy under test)
/// calls virtual service cart.shop.local, provided by virtual node "cart" discovered through the endpoint registry
/// (so "front" gets an EDS cluster). Tests edit it and the control plane recompiles it with the real compiler.
/// </summary>
internal sealed class ShopMesh
{
    public const string AccountId = "111122223333";
    public const string Region = "us-east-1";
    public const string MeshName = "shop";
    public const string FrontNodeId = "mesh/shop/virtualNode/front";
    public const string FrontArn = "arn:aws:appmesh:us-east-1:111122223333:mesh/shop/virtualNode/front";

    private readonly object _gate = new();
    private readonly List<int> _frontPorts = [8080];
    private readonly List<string> _cartAddresses = ["10.0.1.10"];
    private long _version = 1;

    /// <summary>Adds a listener port to "front" (a new ingress filter chain with its own route configuration).</summary>
    public void AddFrontPort(int port) => Edit(() => _frontPorts.Add(port));

    public void RemoveFrontPort(int port) => Edit(() => _frontPorts.Remove(port));

    /// <summary>Registers another instance of "cart" (an EDS change for "front").</summary>
    public void AddCartInstance(string address) => Edit(() => _cartAddresses.Add(address));

    public MeshSnapshot Snapshot()
    {
        lock (_gate)
        {
            string frontListeners = string.Join(", ", _frontPorts.Select(p => $$$"""{"portMapping": {"port": {{{p}}}, "protocol": "http"}}"""));
            return new MeshSnapshot(
                AccountId,
                Region,
                Resource(MeshName, """{"egressFilter": {"type": "DROP_ALL"}}"""),
                [
                    Resource("cart", """
                        {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}],
                         "serviceDiscovery": {"awsCloudMap": {"namespaceName": "shop", "serviceName": "cart"}}}
                        """),
                    Resource("front", $$$"""
                        {"listeners": [{{{frontListeners}}}],
                         "serviceDiscovery": {"dns": {"hostname": "front.shop.local"}},
                         "backends": [{"virtualService": {"virtualServiceName": "cart.shop.local"}}]}
                        """),
                ],
                [Resource("cart.shop.local", """{"provider": {"virtualNode": {"virtualNodeName": "cart"}}}""")],
                [],
                [],
                [],
                [],
                [.. _cartAddresses.Select((address, i) => new EndpointInstance(
                    "cart", $"i-{i}", address, 0, true, new Dictionary<string, string>()))]);
        }
    }

    private void Edit(Action change)
    {
        lock (_gate)
        {
            change();
            _version++;
        }
    }

    private MeshResource Resource(string name, string spec) =>
        new(name, "", _version, JsonDocument.Parse(spec).RootElement.Clone());
}
