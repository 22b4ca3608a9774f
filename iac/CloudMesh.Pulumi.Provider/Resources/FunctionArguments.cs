using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using Pulumirpc;

namespace CloudMesh.Pulumi.Provider.Resources;

/// <summary>The arguments of a <c>get&lt;Type&gt;</c> function: the resource's names and, optionally, the mesh owner.</summary>
internal static class FunctionArguments
{
    /// <summary>Reads the key a function call names, or the failures that prevent it.</summary>
    public static (ResourceKey Key, string? MeshOwner, IReadOnlyList<CheckFailure> Failures) Read(ResourceKind kind, JsonObject args)
    {
        var failures = new List<CheckFailure>();
        string Required(string property)
        {
            if (args[property] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0)
            {
                return s;
            }

            failures.Add(new CheckFailure { Property = property, Reason = "required: a non-empty string" });
            return "";
        }

        var name = Required("name");
        var mesh = kind.IsMesh ? name : Required("meshName");
        var parent = ResourceTypes.ParentProperty(kind) is { } property ? Required(property) : "";
        var owner = kind.IsMesh ? null : args["meshOwner"] is JsonValue o && o.TryGetValue<string>(out var text) ? text : null;
        var allowed = kind.IsMesh ? ["name"] : ResourceTypes.ReplaceProperties(kind);
        foreach (var (key, _) in args)
        {
            if (!allowed.Contains(key))
            {
                failures.Add(new CheckFailure { Property = key, Reason = $"unknown argument; {ResourceTypes.FunctionToken(kind)} takes {string.Join(", ", allowed)}" });
            }
        }

        return (new ResourceKey(kind, mesh, parent, name), owner, failures);
    }
}
