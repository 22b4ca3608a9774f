using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Errors;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Api.Persistence;
using CloudMesh.Api.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace CloudMesh.Api.AppMesh;

/// <summary>
/// Runs one bound and validated App Mesh operation for the current tenant: reads directly, resource writes through
/// <see cref="ResourceService"/> (one transaction each, with clientToken idempotency: <see cref="ClientToken"/>), tag
/// writes in an EF transaction, and announces committed resource changes to the control plane.
/// </summary>
public sealed class OperationDispatcher(
    CloudMeshDbContext db,
    ResourceService resources,
    TagService tags,
    TransactionRunner transactions,
    MeshChangePublisher changes)
{
    /// <summary>Executes <paramref name="operation"/> with <paramref name="input"/>; returns the output object.</summary>
    public Task<JsonObject> ExecuteAsync(AppMeshOperation operation, JsonObject input, CancellationToken ct)
    {
        RequireOwnMesh(input);
        var kind = operation.Kind;
        return operation.Verb switch
        {
            OperationVerb.Describe => resources.DescribeAsync(kind!, input, ct),
            OperationVerb.List => resources.ListAsync(operation, input, ct),
            OperationVerb.ListTagsForResource => tags.ListAsync(input, ct),
            OperationVerb.Create => AnnouncedAsync(kind!, input, resources.CreateAsync(operation, kind!, input, ct)),
            OperationVerb.Update => AnnouncedAsync(kind!, input, resources.UpdateAsync(operation, kind!, input, ct)),
            OperationVerb.Delete => AnnouncedAsync(kind!, input, resources.DeleteAsync(kind!, input, ct)),
            OperationVerb.TagResource => TagWriteAsync(() => tags.TagAsync(input, ct), ct),
            OperationVerb.UntagResource => TagWriteAsync(() => tags.UntagAsync(input, ct), ct),
            _ => throw new InvalidOperationException($"Unhandled verb {operation.Verb}."),
        };
    }

    /// <summary>
    /// Once a resource write has committed, tells the control plane its mesh changed (tags never reach proxies, so tag
    /// operations announce nothing). A replayed clientToken announces again: a recompile that changes nothing pushes nothing.
    /// </summary>
    private async Task<JsonObject> AnnouncedAsync(ResourceKind kind, JsonObject input, Task<JsonObject> write)
    {
        var result = await write;
        changes.Publish(db.CurrentAccountId!, InputMembers.KeyOf(kind, input).MeshName);
        return result;
    }

    // Tag writes (no clientToken in their model) go through the EF context, in one transaction each.
    private Task<JsonObject> TagWriteAsync(Func<Task<JsonObject>> work, CancellationToken ct) =>
        transactions.RunAsync(async () =>
        {
            var result = await work();
            await db.SaveChangesAsync(ct);
            return result;
        }, null, ct);

    private void RequireOwnMesh(JsonObject input)
    {
        if (InputMembers.String(input, "meshOwner") is { } owner && owner != db.CurrentAccountId)
        {
            throw new AppMeshException(AppMeshErrorCode.Forbidden,
                $"meshOwner: the mesh owner {owner} has not shared a mesh with account {db.CurrentAccountId}; CloudMesh does not support cross-account mesh sharing.");
        }
    }
}
