using System.Text.Json.Nodes;

namespace CloudMesh.Fuzz.Tests.Oracle;

/// <summary>
/// The fuzzer's model of one tenant's resources, built only from responses that succeeded: a create adds version 1,
/// an update replaces the spec and adds one to the version, a delete removes. The database must match it exactly.
/// </summary>
internal sealed class ExpectedState
{
    private readonly Dictionary<StoredKey, ExpectedResource> _resources = [];

    public IReadOnlyDictionary<StoredKey, ExpectedResource> Resources => _resources;

    public bool TryGet(StoredKey key, out ExpectedResource resource) => _resources.TryGetValue(key, out resource!);

    /// <summary>Records a successful create; returns a problem when the model already had the resource.</summary>
    public string? Created(StoredKey key, JsonObject spec, string uid)
    {
        if (_resources.ContainsKey(key))
        {
            return $"create of {key} succeeded although it already existed";
        }

        _resources[key] = new ExpectedResource(spec, 1, uid);
        return null;
    }

    /// <summary>Records a successful update; returns a problem when the resource should not exist.</summary>
    public string? Updated(StoredKey key, JsonObject spec)
    {
        if (!_resources.TryGetValue(key, out var current))
        {
            return $"update of {key} succeeded although it does not exist";
        }

        _resources[key] = current with { Spec = spec, Version = current.Version + 1 };
        return null;
    }

    /// <summary>Records a successful delete; returns a problem when the resource should not exist.</summary>
    public string? Deleted(StoredKey key) =>
        _resources.Remove(key) ? null : $"delete of {key} succeeded although it does not exist";

    /// <summary>Names of the resources of <paramref name="kind"/> in one container.</summary>
    public IEnumerable<string> NamesIn(string kind, string mesh, string parent) =>
        _resources.Keys.Where(k => k.Kind == kind && (kind == "mesh" || (k.Mesh == mesh && k.Parent == parent))).Select(k => k.Name);
}
