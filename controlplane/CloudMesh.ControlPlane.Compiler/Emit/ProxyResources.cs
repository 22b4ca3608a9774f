using CloudMesh.ControlPlane.Model;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>Collects one proxy's resources; the first resource of a name wins; the result is sorted by name.</summary>
internal sealed class ProxyResources
{
    private readonly Dictionary<string, Listener> _listeners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Listener> _apiListeners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RouteConfiguration> _routes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Cluster> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClusterLoadAssignment> _assignments = new(StringComparer.Ordinal);

    public void Add(Listener listener) => _listeners.TryAdd(listener.Name, listener);

    public void AddApiListener(Listener listener) => _apiListeners.TryAdd(listener.Name, listener);

    public void Add(RouteConfiguration route) => _routes.TryAdd(route.Name, route);

    public void Add(Cluster cluster) => _clusters.TryAdd(cluster.Name, cluster);

    public void Add(ClusterLoadAssignment assignment) => _assignments.TryAdd(assignment.ClusterName, assignment);

    public ProxyConfig ToConfig() => new(
        Sorted(_listeners),
        Sorted(_apiListeners),
        Sorted(_routes),
        Sorted(_clusters),
        Sorted(_assignments));

    private static T[] Sorted<T>(Dictionary<string, T> items)
    {
        var keys = new string[items.Count];
        var values = new T[items.Count];
        var i = 0;
        foreach (var (key, value) in items)
        {
            keys[i] = key;
            values[i] = value;
            i++;
        }

        Array.Sort(keys, values, StringComparer.Ordinal);
        return values;
    }
}
