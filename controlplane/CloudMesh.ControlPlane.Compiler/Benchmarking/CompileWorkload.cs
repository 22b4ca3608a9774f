using CloudMesh.ControlPlane.Model;

namespace CloudMesh.ControlPlane.Compiler.Benchmarking;

/// <summary>The unit of work the "compile a whole mesh" benchmark times: it measures nothing itself (the compiler has no clock).</summary>
public static class CompileWorkload
{
    /// <summary>
    /// Prepares the snapshot and compiles every virtual node and virtual gateway in it, as a control plane
    /// does after a change to a mesh all of whose proxies are connected.
    /// </summary>
    /// <param name="snapshot">The mesh.</param>
    /// <returns>How many xDS resources were produced (so the work cannot be optimized away, and runs can be compared).</returns>
    public static int CompileEveryProxy(MeshSnapshot snapshot)
    {
        var mesh = MeshCompiler.Prepare(snapshot);
        var resources = 0;
        foreach (var proxy in mesh.Proxies)
        {
            if (mesh.Compile(proxy) is { } config)
            {
                resources += config.Listeners.Count + config.ApiListeners.Count + config.RouteConfigurations.Count
                    + config.Clusters.Count + config.ClusterLoadAssignments.Count;
            }
        }

        return resources;
    }
}
