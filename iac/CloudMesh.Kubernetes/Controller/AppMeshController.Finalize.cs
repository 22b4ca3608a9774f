using System.Text.Json.Nodes;
using Amazon.Runtime;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Kubernetes.Client;

namespace CloudMesh.Kubernetes.Controller;

/// <summary>Deletion through the finalizers: a Mesh waits for its members, then the App Mesh resources go, then the finalizer.</summary>
public sealed partial class AppMeshController
{
    private async Task<Outcome> FinalizeAsync(AppMeshCustomResource kind, JsonObject obj, CancellationToken ct)
    {
        var finalizers = KubernetesObjects.Finalizers(obj).ToList();
        if (kind == AppMeshCustomResource.Mesh && finalizers.Contains(AppMeshCustomResource.MeshMembersFinalizer))
        {
            var members = MembersOf(KubernetesObjects.Name(obj));
            if (members.Count > 0)
            {
                return Outcome.Retry(Reasons.MeshMembersExist,
                    $"waiting for {members.Count} member(s) to be deleted: {string.Join(", ", members.Take(3))}");
            }

            finalizers.Remove(AppMeshCustomResource.MeshMembersFinalizer);
            obj = await SetFinalizersAsync(kind, obj, finalizers, ct);
        }

        if (!finalizers.Contains(AppMeshCustomResource.AwsResourcesFinalizer))
        {
            return Outcome.Success; // not ours (or already done)
        }

        try
        {
            await DeleteFromAppMeshAsync(kind, obj, ct);
        }
        catch (AmazonServiceException e)
        {
            // ResourceInUseException (a service still points at this node...) and outages: retried with backoff.
            return Outcome.Retry(e.ErrorCode ?? "AppMeshError", e.Message);
        }

        finalizers.Remove(AppMeshCustomResource.AwsResourcesFinalizer);
        await SetFinalizersAsync(kind, obj, finalizers, ct);
        return Outcome.Success;
    }

    /// <summary>The objects (as <c>Kind ns/name</c>) that belong to the mesh named <paramref name="mesh"/>.</summary>
    private List<string> MembersOf(string mesh) =>
        _informers.Where(p => p.Key != AppMeshCustomResource.Mesh)
            .SelectMany(p => p.Value.Items.Where(o => MeshOf(o) == mesh).Select(o => Describe(p.Key, o)))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Deletes what the object created, found from the ARNs in its status (nothing was created when there are none): a
    /// router's routes first, then the resource itself. Already gone is fine.
    /// </summary>
    private async Task DeleteFromAppMeshAsync(AppMeshCustomResource kind, JsonObject obj, CancellationToken ct)
    {
        if (KubernetesObjects.String(obj["status"]?[kind.ArnStatusMember]) is not { } arn || !Arn.TryParse(arn, out var parsed, out _))
        {
            return;
        }

        var key = parsed.Key;
        if (kind == AppMeshCustomResource.VirtualRouter)
        {
            try
            {
                foreach (var route in await _appMesh.ListAsync(ResourceKinds.Route, key.MeshName, key.Name, ct))
                {
                    var id = new ResourceKey(ResourceKinds.Route, key.MeshName, key.Name, KubernetesObjects.String(route["routeName"]) ?? "");
                    Log.Applied(_logger, Describe(kind, obj), "deleting", id.Describe());
                    await DeleteIgnoringNotFoundAsync(id, ct);
                }
            }
            catch (AmazonServiceException e) when (e.ErrorCode == "NotFoundException")
            {
                // the router (or its mesh) is already gone
            }
        }

        Log.Applied(_logger, Describe(kind, obj), "deleting", key.Describe());
        await DeleteIgnoringNotFoundAsync(key, ct);
    }

    private async Task DeleteIgnoringNotFoundAsync(ResourceKey key, CancellationToken ct)
    {
        try
        {
            await _appMesh.DeleteAsync(key, ct);
        }
        catch (AmazonServiceException e) when (e.ErrorCode == "NotFoundException")
        {
            // already gone
        }
    }
}
