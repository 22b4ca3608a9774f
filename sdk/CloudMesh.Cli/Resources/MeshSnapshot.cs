using System.Text.Json.Nodes;
using Amazon.Runtime;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Cli.Planning;
using CloudMesh.Sdk.Resources;

namespace CloudMesh.Cli.Resources;

/// <summary>
/// What the API holds for the meshes a manifest declares, as <c>apply</c> plans against it: every resource's spec,
/// its ARN (for tagging) and, where the manifest declares tags, its current tags. A mesh that does not exist yet
/// contributes nothing.
/// </summary>
/// <param name="Resources">Every resource of the meshes, with spec and (where asked) tags.</param>
/// <param name="Arns">Each resource's ARN.</param>
internal sealed record MeshSnapshot(IReadOnlyList<ActualResource> Resources, IReadOnlyDictionary<ResourceKey, string> Arns)
{
    /// <summary>Reads the meshes; <paramref name="wantsTags"/> says for which resources the current tags matter.</summary>
    public static async Task<MeshSnapshot> ReadAsync(MeshResources api, IEnumerable<string> meshes, Func<ResourceKey, bool> wantsTags, CancellationToken ct)
    {
        var resources = new List<ActualResource>();
        var arns = new Dictionary<ResourceKey, string>();

        async Task AddAsync(ResourceKey key, JsonObject data)
        {
            var arn = data["metadata"]?["arn"]?.GetValue<string>() ?? "";
            arns[key] = arn;
            var tags = wantsTags(key) && arn.Length > 0 ? await api.TagsAsync(arn, ct) : null;
            resources.Add(new ActualResource(key, data["spec"] as JsonObject ?? [], tags));
        }

        foreach (var mesh in meshes)
        {
            var meshKey = ResourceKey.ForMesh(mesh);
            JsonObject meshData;
            try
            {
                meshData = await api.DescribeAsync(meshKey, ct);
            }
            catch (AmazonServiceException e) when (e.ErrorCode == "NotFoundException")
            {
                continue;
            }

            await AddAsync(meshKey, meshData);
            foreach (var kind in ResourceKinds.All.Where(k => !k.IsMesh))
            {
                foreach (var item in await api.ListAsync(kind, mesh, null, ct))
                {
                    var parent = kind.Parent is { } p ? item[p.NameMember]!.GetValue<string>() : "";
                    var key = new ResourceKey(kind, mesh, parent, item[kind.NameMember]!.GetValue<string>());
                    await AddAsync(key, await api.DescribeAsync(key, ct));
                }
            }
        }

        return new MeshSnapshot(resources, arns);
    }
}
