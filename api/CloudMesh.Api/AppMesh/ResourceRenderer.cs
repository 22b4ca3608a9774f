using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Api.Hosting;
using CloudMesh.Api.Persistence.Entities;
using CloudMesh.AppMesh.Model;

namespace CloudMesh.Api.AppMesh;

/// <summary>Renders stored resources as the model's <c>*Data</c> (describe) and <c>*Ref</c> (list) shapes.</summary>
public sealed class ResourceRenderer(CloudMeshOptions options)
{
    /// <summary>The key a stored row represents.</summary>
    public static ResourceKey KeyOf(ResourceEntity entity) =>
        new(ResourceKinds.FindByName(entity.Kind)!, entity.MeshName, entity.ParentName, entity.Name);

    /// <summary>The resource's ARN.</summary>
    public string ArnOf(ResourceEntity entity) => Arn.Format(options.Region, entity.AccountId, KeyOf(entity));

    /// <summary>The full description (<c>VirtualNodeData</c> etc.) with the given status code.</summary>
    public JsonObject Data(ResourceEntity entity, string status = "ACTIVE")
    {
        var data = Names(entity);
        data["metadata"] = new JsonObject
        {
            ["arn"] = ArnOf(entity),
            ["createdAt"] = AppMeshJson.Timestamp(entity.CreatedAt),
            ["lastUpdatedAt"] = AppMeshJson.Timestamp(entity.UpdatedAt),
            ["meshOwner"] = entity.AccountId,
            ["resourceOwner"] = entity.AccountId,
            ["uid"] = entity.Uid,
            ["version"] = entity.Version,
        };
        data["spec"] = JsonNode.Parse(entity.Spec);
        data["status"] = new JsonObject { ["status"] = status };
        return data;
    }

    /// <summary>The list entry (<c>VirtualNodeRef</c> etc.).</summary>
    public JsonObject Ref(ResourceSummary row)
    {
        var kind = ResourceKinds.FindByName(row.Kind)!;
        var reference = Names(kind, row.MeshName, row.ParentName, row.Name);
        reference["arn"] = Arn.Format(options.Region, row.AccountId, new ResourceKey(kind, row.MeshName, row.ParentName, row.Name));
        reference["createdAt"] = AppMeshJson.Timestamp(row.CreatedAt);
        reference["lastUpdatedAt"] = AppMeshJson.Timestamp(row.UpdatedAt);
        reference["meshOwner"] = row.AccountId;
        reference["resourceOwner"] = row.AccountId;
        reference["version"] = row.Version;
        return reference;
    }

    private static JsonObject Names(ResourceEntity entity) =>
        Names(ResourceKinds.FindByName(entity.Kind)!, entity.MeshName, entity.ParentName, entity.Name);

    private static JsonObject Names(ResourceKind kind, string meshName, string parentName, string name)
    {
        var names = new JsonObject { ["meshName"] = meshName };
        if (kind.Parent is { } parent)
        {
            names[parent.NameMember] = parentName;
        }

        if (!kind.IsMesh)
        {
            names[kind.NameMember] = name;
        }

        return names;
    }
}
