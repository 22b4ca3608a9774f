using System.Globalization;
using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Pulumi.Provider.Properties;

namespace CloudMesh.Pulumi.Provider.Resources;

/// <summary>
/// Turns the API's data document of a resource (<c>VirtualNodeData</c>: names, metadata, spec, status) into the
/// resource's Pulumi outputs, and outputs back into inputs (for Read's refresh and import).
/// </summary>
internal static class ResourceOutputs
{
    /// <summary>The outputs: the inputs with the name resolved, plus arn, uid, version, times, owners and status.</summary>
    public static JsonObject From(ResourceKind kind, JsonObject data, IReadOnlyDictionary<string, string>? tags)
    {
        var metadata = data["metadata"] as JsonObject ?? [];
        var outputs = new JsonObject { ["name"] = data[kind.NameMember]?.DeepClone() };
        if (!kind.IsMesh)
        {
            outputs["meshName"] = data["meshName"]?.DeepClone();
        }

        if (ResourceTypes.ParentProperty(kind) is { } parent)
        {
            outputs[parent] = data[parent]?.DeepClone();
        }

        outputs["spec"] = data["spec"]?.DeepClone() ?? new JsonObject();
        if (tags is not null)
        {
            outputs["tags"] = new JsonObject(tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value)));
        }

        outputs["arn"] = metadata["arn"]?.DeepClone();
        outputs["uid"] = metadata["uid"]?.DeepClone();
        outputs["version"] = metadata["version"]?.DeepClone();
        outputs["createdAt"] = Rfc3339(metadata["createdAt"]);
        outputs["lastUpdatedAt"] = Rfc3339(metadata["lastUpdatedAt"]);
        outputs["meshOwner"] = metadata["meshOwner"]?.DeepClone();
        outputs["resourceOwner"] = metadata["resourceOwner"]?.DeepClone();
        outputs["status"] = data["status"]?["status"]?.DeepClone();
        return outputs;
    }

    /// <summary>
    /// The inputs that would produce <paramref name="outputs"/>: identity, spec and tags, in the previous inputs'
    /// representation where it means the same (an absent spec or tags map stays absent rather than becoming <c>{}</c>),
    /// so a refresh of an unchanged resource hands the engine back exactly its inputs. <c>meshOwner</c> only when the
    /// previous inputs named one (an import knows none, and the caller's own account is the default); an import leaves
    /// out an empty tags map, as a program without tags declares none.
    /// </summary>
    public static JsonObject ToInputs(ResourceKind kind, JsonObject outputs, JsonObject? previousInputs)
    {
        var inputs = new JsonObject();
        foreach (var property in ResourceTypes.InputProperties(kind))
        {
            if (property == "meshOwner" && previousInputs?["meshOwner"] is null)
            {
                continue;
            }

            var value = outputs[property];
            if (property is "spec" or "tags" && PropertyValues.IsEmptyOrAbsent(value))
            {
                if (previousInputs is null)
                {
                    value = property == "tags" ? null : value;
                }
                else if (PropertyValues.IsEmptyOrAbsent(previousInputs[property]))
                {
                    value = previousInputs[property];
                }
            }

            if (value is not null)
            {
                inputs[property] = value.DeepClone();
            }
        }

        return inputs;
    }

    /// <summary>A rest-json timestamp (epoch seconds) as an RFC 3339 UTC string.</summary>
    private static JsonNode? Rfc3339(JsonNode? timestamp)
    {
        if (timestamp is not JsonValue value)
        {
            return null;
        }

        DateTime time;
        if (value.TryGetValue<string>(out var text))
        {
            time = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }
        else
        {
            time = DateTime.UnixEpoch.AddTicks((long)(value.GetValue<decimal>() * TimeSpan.TicksPerSecond));
        }

        return time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
