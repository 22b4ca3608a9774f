using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Cli.Planning;

/// <summary>
/// Orders steps so that every resource comes after what it depends on: its mesh, its parent router or gateway, and
/// the resources its spec references (<see cref="ResourceReferences.Extract"/>: a service's provider, a route's
/// target nodes, a gateway route's target service). Ties follow the kind order an author expects (mesh, nodes,
/// routers, gateways, routes, services, gateway routes) then names, so the order is stable run to run.
/// </summary>
internal static class PlanOrdering
{
    private static readonly ResourceKind[] KindOrder =
    [
        ResourceKinds.Mesh, ResourceKinds.VirtualNode, ResourceKinds.VirtualRouter, ResourceKinds.VirtualGateway,
        ResourceKinds.Route, ResourceKinds.VirtualService, ResourceKinds.GatewayRoute,
    ];

    /// <summary>The steps with dependencies first; <paramref name="specOf"/> gives the spec whose references count.</summary>
    internal static List<PlanStep> DependenciesFirst(IReadOnlyList<PlanStep> steps, Func<PlanStep, JsonObject?> specOf)
    {
        var byId = steps.ToDictionary(s => s.Id);
        var waitingOn = steps.ToDictionary(s => s.Id, _ => 0);
        var dependents = steps.ToDictionary(s => s.Id, _ => new List<PlanStep>());
        foreach (var step in steps)
        {
            foreach (var dependency in Dependencies(step.Id, specOf(step)).Where(byId.ContainsKey).Distinct())
            {
                waitingOn[step.Id]++;
                dependents[dependency].Add(step);
            }
        }

        var ready = new PriorityQueue<PlanStep, string>(StringComparer.Ordinal);
        foreach (var step in steps.Where(s => waitingOn[s.Id] == 0))
        {
            ready.Enqueue(step, SortKey(step.Id));
        }

        var ordered = new List<PlanStep>(steps.Count);
        while (ready.TryDequeue(out var step, out _))
        {
            ordered.Add(step);
            foreach (var dependent in dependents[step.Id])
            {
                if (--waitingOn[dependent.Id] == 0)
                {
                    ready.Enqueue(dependent, SortKey(dependent.Id));
                }
            }
        }

        // App Mesh references cannot form a cycle (node backends are not references), but never drop a step.
        ordered.AddRange(steps.Where(s => waitingOn[s.Id] > 0).OrderBy(s => SortKey(s.Id), StringComparer.Ordinal));
        return ordered;
    }

    /// <summary>What <paramref name="id"/> needs to exist first: its mesh, its parent and the resources its spec names.</summary>
    internal static IEnumerable<ResourceKey> Dependencies(ResourceKey id, JsonObject? spec)
    {
        if (id.Kind.IsMesh)
        {
            yield break;
        }

        yield return id.MeshKey;
        if (id.Kind.Parent is not null)
        {
            yield return id.ParentKey;
        }

        foreach (var reference in ResourceReferences.Extract(id.Kind, spec))
        {
            yield return new ResourceKey(reference.Kind, id.MeshName, "", reference.Name);
        }
    }

    private static string SortKey(ResourceKey id) =>
        $"{Array.IndexOf(KindOrder, id.Kind)}\u0000{id.MeshName}\u0000{id.ParentName}\u0000{id.Name}";
}
