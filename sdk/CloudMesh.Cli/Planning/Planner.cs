using CloudMesh.Api.Core.Resources;
using CloudMesh.Manifests;

namespace CloudMesh.Cli.Planning;

/// <summary>Computes what applying manifests changes: pure, from the declared and the existing resources.</summary>
public static class Planner
{
    /// <summary>
    /// Compares <paramref name="desired"/> with <paramref name="actual"/> and returns the ordered plan. Only meshes
    /// that the manifests declare resources in are looked at; resources of other meshes in <paramref name="actual"/>
    /// are ignored and never deleted, and a declared mesh is never deleted.
    /// </summary>
    /// <param name="desired">The resources the manifests declare (from <see cref="ManifestLoader"/>), each once.</param>
    /// <param name="actual">The existing resources of the meshes in <see cref="MeshesOf"/>, each once.</param>
    /// <param name="options">Whether to prune.</param>
    /// <exception cref="ManifestException">
    /// A declared resource needs a mesh, parent or referenced resource that is neither declared nor existing (or is
    /// being pruned); each error is at the referring member's line.
    /// </exception>
    /// <exception cref="ArgumentException">A resource appears twice in <paramref name="desired"/> or <paramref name="actual"/>.</exception>
    public static Plan Compute(IReadOnlyList<DesiredResource> desired, IReadOnlyList<ActualResource> actual, PlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(options);

        var meshes = MeshesOf(desired).ToHashSet(StringComparer.Ordinal);
        var desiredById = Index(desired, d => d.Id, nameof(desired));
        var actualById = Index(actual.Where(a => meshes.Contains(a.Id.MeshName)), a => a.Id, nameof(actual));

        var kept = new List<PlanStep>();
        foreach (var resource in desired)
        {
            kept.Add(actualById.TryGetValue(resource.Id, out var existing) ? Compare(resource, existing) : Create(resource));
        }

        var deletes = new List<PlanStep>();
        var notManaged = new List<ResourceKey>();
        foreach (var existing in actual.Where(a => actualById.ContainsKey(a.Id) && !desiredById.ContainsKey(a.Id)))
        {
            if (existing.Id.Kind.IsMesh)
            {
                continue; // a declared mesh: the manifests declare resources in it, so it stays
            }

            if (options.Prune)
            {
                deletes.Add(new PlanStep(PlanAction.Delete, existing.Id, existing.Spec, null, [], []));
            }
            else
            {
                notManaged.Add(existing.Id);
            }
        }

        CheckDependencies(desired, desiredById, actualById, deletes.Select(d => d.Id).ToHashSet());

        var steps = PlanOrdering.DependenciesFirst(kept, s => s.After);
        var deleteOrder = PlanOrdering.DependenciesFirst(deletes, s => s.Before);
        deleteOrder.Reverse();
        steps.AddRange(deleteOrder);
        return new Plan(steps, notManaged.OrderBy(PlanText.Resource, StringComparer.Ordinal).ToList());
    }

    /// <summary>The meshes the manifests declare resources in: the ones whose existing resources the caller fetches.</summary>
    public static IReadOnlyList<string> MeshesOf(IReadOnlyList<DesiredResource> desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return desired.Select(d => d.Id.MeshName).Distinct(StringComparer.Ordinal).ToList();
    }

    private static PlanStep Create(DesiredResource resource) =>
        new(PlanAction.Create, resource.Id, null, resource.Spec,
            SpecDiff.Compare(null, resource.Spec),
            TagDiff(null, resource.Tags));

    private static PlanStep Compare(DesiredResource resource, ActualResource existing)
    {
        var changes = SpecDiff.Compare(existing.Spec, resource.Spec);
        var tagChanges = TagDiff(existing.Tags ?? new Dictionary<string, string>(), resource.Tags);
        var action = changes.Count > 0 || tagChanges.Count > 0 ? PlanAction.Update : PlanAction.Unchanged;
        return new PlanStep(action, resource.Id, existing.Spec, resource.Spec, changes, tagChanges);
    }

    /// <summary>Tag differences; none when the manifests do not declare the resource's tags.</summary>
    private static List<TagChange> TagDiff(IReadOnlyDictionary<string, string>? before, IReadOnlyDictionary<string, string>? after)
    {
        if (after is null)
        {
            return [];
        }

        before ??= new Dictionary<string, string>();
        return before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(key => new TagChange(key, before.GetValueOrDefault(key), after.GetValueOrDefault(key)))
            .Where(change => change.Before != change.After)
            .ToList();
    }

    /// <summary>Every mesh, parent and spec reference of a declared resource must be declared or exist and stay.</summary>
    private static void CheckDependencies(
        IReadOnlyList<DesiredResource> desired,
        Dictionary<ResourceKey, DesiredResource> desiredById,
        Dictionary<ResourceKey, ActualResource> actualById,
        HashSet<ResourceKey> deleted)
    {
        var errors = new List<ManifestError>();
        foreach (var resource in desired.Where(r => !r.Id.Kind.IsMesh))
        {
            var id = resource.Id;
            var references = ResourceReferences.Extract(id.Kind, resource.Spec);
            foreach (var dependency in PlanOrdering.Dependencies(id, resource.Spec))
            {
                if (desiredById.ContainsKey(dependency) || (actualById.ContainsKey(dependency) && !deleted.Contains(dependency)))
                {
                    continue;
                }

                var reference = references.FirstOrDefault(r => r.Kind == dependency.Kind && r.Name == dependency.Name);
                var location = reference is null ? resource.Location : resource.Members.Locate(reference.Path);
                var state = deleted.Contains(dependency) ? "is being pruned" : "is neither declared nor existing";
                var via = reference is null ? "" : $" (at {reference.Path})";
                errors.Add(new ManifestError(location, $"{PlanText.Resource(id)} needs {PlanText.Resource(dependency)}{via}, which {state}"));
            }
        }

        if (errors.Count > 0)
        {
            throw new ManifestException(errors);
        }
    }

    private static Dictionary<ResourceKey, T> Index<T>(IEnumerable<T> items, Func<T, ResourceKey> idOf, string parameter)
    {
        var index = new Dictionary<ResourceKey, T>();
        foreach (var item in items)
        {
            if (!index.TryAdd(idOf(item), item))
            {
                throw new ArgumentException($"{PlanText.Resource(idOf(item))} appears more than once.", parameter);
            }
        }

        return index;
    }
}
