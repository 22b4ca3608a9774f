using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Errors;
using CloudMesh.Api.Core.Paging;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Api.Hosting;
using CloudMesh.Api.Persistence;
using CloudMesh.Api.Persistence.Entities;

namespace CloudMesh.Api.AppMesh;

/// <summary>TagResource, UntagResource and ListTagsForResource on any resource, addressed by ARN.</summary>
public sealed class TagService(CloudMeshDbContext db, ResourceQueries queries, PageTokenCodec pageTokens, CloudMeshOptions options)
{
    /// <summary>App Mesh's limit of tags per resource.</summary>
    public const int MaxTagsPerResource = 50;

    private const int DefaultPageSize = 100;

    /// <summary>Adds tags, overwriting the values of keys already present (inside the caller's transaction).</summary>
    public async Task<JsonObject> TagAsync(JsonObject input, CancellationToken ct)
    {
        var arn = InputMembers.Required(input, "resourceArn");
        var entity = await queries.LockForUpdateAsync(KeyOf(arn), ct) ?? throw NotFound(arn);
        var merged = Read(entity);
        foreach (var tag in InputMembers.Tags(input["tags"]))
        {
            merged[tag!["key"]!.GetValue<string>()] = tag["value"]!.GetValue<string>();
        }

        if (merged.Count > MaxTagsPerResource)
        {
            throw new AppMeshException(AppMeshErrorCode.TooManyTags,
                $"The resource {arn} would have {merged.Count} tags; at most {MaxTagsPerResource} are allowed.");
        }

        Stage(entity, merged);
        return new JsonObject();
    }

    /// <summary>Removes tags by key; keys that are not present are ignored, as App Mesh does.</summary>
    public async Task<JsonObject> UntagAsync(JsonObject input, CancellationToken ct)
    {
        var arn = InputMembers.Required(input, "resourceArn");
        var entity = await queries.LockForUpdateAsync(KeyOf(arn), ct) ?? throw NotFound(arn);
        var tags = Read(entity);
        foreach (var key in input["tagKeys"]?.AsArray() ?? [])
        {
            tags.Remove(key!.GetValue<string>());
        }

        Stage(entity, tags);
        return new JsonObject();
    }

    /// <summary>Lists a resource's tags, a page at a time, in the order they were first added.</summary>
    public async Task<JsonObject> ListAsync(JsonObject input, CancellationToken ct)
    {
        var arn = InputMembers.Required(input, "resourceArn");
        var entity = await queries.FindAsync(KeyOf(arn), ct) ?? throw NotFound(arn);
        var tags = JsonNode.Parse(entity.Tags)!.AsArray();

        var scope = $"{entity.AccountId}|ListTagsForResource|{arn}";
        var start = 0;
        if (InputMembers.String(input, "nextToken") is { } token)
        {
            if (!pageTokens.TryDecode(scope, token, out var position) || !int.TryParse(position, out start) || start < 0)
            {
                throw ResourceService.InvalidNextToken();
            }
        }

        var pageSize = InputMembers.Int(input, "limit") ?? DefaultPageSize;
        var page = new JsonArray();
        for (var i = start; i < tags.Count && i < start + pageSize; i++)
        {
            page.Add(tags[i]!.DeepClone());
        }

        var output = new JsonObject { ["tags"] = page };
        if (start + pageSize < tags.Count)
        {
            output["nextToken"] = pageTokens.Encode(scope, (start + pageSize).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return output;
    }

    private ResourceKey KeyOf(string arn)
    {
        if (!Arn.TryParse(arn, out var parsed, out var error))
        {
            throw AppMeshException.BadRequest($"resourceArn: {error}");
        }

        // Another region's or another account's ARN names nothing this tenant can see here.
        if (parsed.Region != options.Region || parsed.AccountId != db.CurrentAccountId)
        {
            throw NotFound(arn);
        }

        return parsed.Key;
    }

    private static AppMeshException NotFound(string arn) =>
        AppMeshException.NotFound($"resourceArn: no resource {arn} exists.");

    // Insertion-ordered, one value per key.
    private static OrderedDictionary<string, string> Read(ResourceEntity entity)
    {
        var tags = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in JsonNode.Parse(entity.Tags)!.AsArray())
        {
            tags[tag!["key"]!.GetValue<string>()] = tag["value"]!.GetValue<string>();
        }

        return tags;
    }

    private static void Stage(ResourceEntity entity, OrderedDictionary<string, string> tags)
    {
        var array = new JsonArray();
        foreach (var (key, value) in tags)
        {
            array.Add(new JsonObject { ["key"] = key, ["value"] = value });
        }

        entity.Tags = array.ToJsonString(); // saved by the dispatcher
    }
}
