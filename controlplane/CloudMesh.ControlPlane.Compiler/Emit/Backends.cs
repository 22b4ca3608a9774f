using CloudMesh.ControlPlane.Compiler.Planning;
using CloudMesh.ControlPlane.Compiler.Specs;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>A backend of a virtual node, resolved: the service's plan and the client TLS policy the node applies to it.</summary>
internal sealed record ResolvedBackend(ServicePlan Plan, ClientTlsSpec? ClientTls)
{
    /// <summary>
    /// The node's backends that exist and have at least one port, in name order (so results never depend
    /// on declaration order), each once; a backend's own TLS client policy replaces the node's default.
    /// </summary>
    public static List<ResolvedBackend> Of(MeshIndex index, VirtualNodeModel node)
    {
        var result = new List<ResolvedBackend>(node.Backends.Count);
        foreach (var backend in node.Backends.OrderBy(b => b.VirtualServiceName, StringComparer.Ordinal))
        {
            if (result.Count > 0 && result[^1].Plan.ServiceName == backend.VirtualServiceName)
            {
                continue;
            }

            if (index.Plan(backend.VirtualServiceName) is { Ports.Count: > 0 } plan)
            {
                result.Add(new ResolvedBackend(plan, backend.HasOwnTlsPolicy ? backend.ClientTls : node.DefaultClientTls));
            }
        }

        return result;
    }
}
