using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Pulumi.Provider.Properties;

namespace CloudMesh.Pulumi.Provider.Resources;

/// <summary>
/// What Create and Update answer in a preview (<c>preview = true</c>), without calling the API: the outputs the
/// operation will produce as far as the inputs tell, and Pulumi's unknown for what only the API can say. The engine
/// keeps unknowns in preview outputs, so a program sees <c>arn</c> of a resource to be created as unknown rather than
/// missing, and <c>version</c> of one to be updated as unknown rather than its old value.
/// </summary>
internal static class PreviewOutputs
{
    /// <summary>The outputs the API assigns (<see cref="ResourceOutputs.From"/> reads them from its answer).</summary>
    private static readonly string[] Assigned = ["arn", "uid", "version", "createdAt", "lastUpdatedAt", "meshOwner", "resourceOwner", "status"];

    /// <summary>Of those, what an update in place leaves as it was.</summary>
    private static readonly string[] KeptByUpdate = ["arn", "uid", "createdAt", "meshOwner", "resourceOwner"];

    /// <summary>The outputs of creating a resource with <paramref name="inputs"/>.</summary>
    public static JsonObject ForCreate(ResourceKind kind, JsonObject inputs)
    {
        var outputs = FromInputs(kind, inputs);
        foreach (var property in Assigned)
        {
            outputs[property] = PropertyValues.UnknownValue;
        }

        if (inputs["meshOwner"] is JsonValue owner && owner.TryGetValue<string>(out _))
        {
            outputs["meshOwner"] = owner.DeepClone();
        }

        return outputs;
    }

    /// <summary>The outputs of updating a resource whose outputs are <paramref name="olds"/> to <paramref name="news"/>.</summary>
    public static JsonObject ForUpdate(ResourceKind kind, JsonObject olds, JsonObject news)
    {
        var outputs = FromInputs(kind, news);
        foreach (var property in Assigned)
        {
            outputs[property] = KeptByUpdate.Contains(property) && olds[property] is { } kept ? kept.DeepClone() : PropertyValues.UnknownValue;
        }

        return outputs;
    }

    /// <summary>The outputs that echo inputs, shaped as <see cref="ResourceOutputs.From"/> shapes them.</summary>
    private static JsonObject FromInputs(ResourceKind kind, JsonObject inputs)
    {
        var outputs = new JsonObject();
        foreach (var property in ResourceTypes.InputProperties(kind).Where(p => p != "meshOwner"))
        {
            if (inputs[property] is { } value)
            {
                outputs[property] = value.DeepClone();
            }
        }

        outputs["spec"] ??= new JsonObject();
        return outputs;
    }
}
