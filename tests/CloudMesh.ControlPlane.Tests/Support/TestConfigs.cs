using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Resources;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.ControlPlane.Tests.Support;

/// <summary>
/// Hand-made xDS resources and <see cref="ProxyConfig"/>s (the compiler is tested elsewhere): just enough content
/// that changing an argument changes the bytes, and so the version.
/// </summary>
internal static class TestConfigs
{
    public static Listener Listener(string name, string routeName = "routes", string statPrefix = "ingress") =>
        new() { Name = name, StatPrefix = $"{statPrefix}:{routeName}" };

    public static Listener ApiListener(string name, string routeName = "routes") =>
        new() { Name = name, StatPrefix = $"api:{routeName}", ApiListener = new Envoy.Config.Listener.V3.ApiListener() };

    public static RouteConfiguration Route(string name, string cluster) => new()
    {
        Name = name,
        VirtualHosts =
        {
            new VirtualHost
            {
                Name = "all",
                Domains = { "*" },
                Routes = { new Route { Match = new RouteMatch { Prefix = "/" }, Route_ = new RouteAction { Cluster = cluster } } },
            },
        },
    };

    public static Cluster Cluster(string name, int connectTimeoutMs = 1000) => new()
    {
        Name = name,
        ConnectTimeout = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(connectTimeoutMs)),
        Type = Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType.Eds,
    };

    public static ClusterLoadAssignment Endpoints(string cluster, params string[] addresses)
    {
        var locality = new LocalityLbEndpoints();
        foreach (string address in addresses)
        {
            locality.LbEndpoints.Add(new LbEndpoint
            {
                Endpoint = new Endpoint
                {
                    Address = new Address { SocketAddress = new SocketAddress { Address = address, PortValue = 8080 } },
                },
            });
        }

        return new ClusterLoadAssignment { ClusterName = cluster, Endpoints = { locality } };
    }

    public static ProxyConfig Config(
        IEnumerable<Listener>? listeners = null,
        IEnumerable<Listener>? apiListeners = null,
        IEnumerable<RouteConfiguration>? routes = null,
        IEnumerable<Cluster>? clusters = null,
        IEnumerable<ClusterLoadAssignment>? endpoints = null) =>
        new([.. listeners ?? []], [.. apiListeners ?? []], [.. routes ?? []], [.. clusters ?? []], [.. endpoints ?? []]);

    /// <summary>A typical sidecar: one listener with route config "routes" pointing at <paramref name="cluster"/>.</summary>
    public static ProxyConfig Sidecar(string cluster = "backend", string routeName = "routes", params string[] addresses) =>
        Config(
            listeners: [Listener("ingress", routeName)],
            apiListeners: [ApiListener("backend.local:8080", routeName)],
            routes: [Route(routeName, cluster)],
            clusters: [Cluster(cluster)],
            endpoints: [Endpoints(cluster, addresses.Length == 0 ? ["10.0.0.1"] : addresses)]);

    public static ProxySnapshot Snapshot(ProxyConfig? config) => ProxySnapshot.From(config);
}
