using System.Text.Json;

namespace CloudMesh.ControlPlane.Compiler.Specs;

/// <summary>A virtual service and its provider: a virtual node, a virtual router, or nothing.</summary>
internal sealed record VirtualServiceModel(string Name, string? ProviderNode, string? ProviderRouter)
{
    public static VirtualServiceModel Parse(string name, JsonElement spec)
    {
        var provider = spec.Object("provider");
        return new VirtualServiceModel(
            name,
            provider?.Object("virtualNode")?.String("virtualNodeName"),
            provider?.Object("virtualRouter")?.String("virtualRouterName"));
    }
}

/// <summary>A virtual router: only its listeners matter to the compiler; routes are indexed separately.</summary>
internal sealed record VirtualRouterModel(string Name, IReadOnlyList<PortMapping> Listeners)
{
    public static VirtualRouterModel Parse(string name, JsonElement spec)
    {
        var listeners = new List<PortMapping>();
        foreach (var item in spec.Objects("listeners"))
        {
            if (PortMapping.Parse(item.Object("portMapping")) is { } mapping && listeners.TrueForAll(l => l.Port != mapping.Port))
            {
                listeners.Add(mapping);
            }
        }

        return new VirtualRouterModel(name, listeners);
    }
}
