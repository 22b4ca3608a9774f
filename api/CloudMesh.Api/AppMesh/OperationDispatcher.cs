using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Errors;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Api.Persistence;
using CloudMesh.Api.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace CloudMesh.Api.AppMesh;

/// <summary>
/// Runs one bound and validated App Mesh operation for the current tenant: reads directly, writes in a transaction
/// with clientToken idempotency (the same token and input replay the first response; the same token with other input
/// is a ConflictException).
/// </summary>
public sealed class OperationDispatcher(
    CloudMeshDbContext db,
    ResourceQueries queries,
    ResourceService resources,
    TagService tags,
    TransactionRunner transactions,
    MeshChangePublisher changes,
    TimeProvider time)
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
            OperationVerb.Create => AnnouncedAsync(kind!, input, WriteAsync(operation, input, () => resources.CreateAsync(kind!, input, ct), ct)),
            OperationVerb.Update => AnnouncedAsync(kind!, input, WriteAsync(operation, input, () => resources.UpdateAsync(kind!, input, ct), ct)),
            OperationVerb.Delete => AnnouncedAsync(kind!, input, WriteAsync(operation, input, () => resources.DeleteAsync(kind!, input, ct), ct)),
            OperationVerb.TagResource => WriteAsync(operation, input, () => tags.TagAsync(input, ct), ct),
            OperationVerb.UntagResource => WriteAsync(operation, input, () => tags.UntagAsync(input, ct), ct),
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

    private Task<JsonObject> WriteAsync(AppMeshOperation operation, JsonObject input, Func<Task<JsonObject>> work, CancellationToken ct)
    {
        var clientToken = InputMembers.String(input, "clientToken");
        if (clientToken is null)
        {
            return transactions.RunAsync(async () =>
            {
                var result = await work();
                await SaveAsync(ct);
                return result;
            }, null, ct);
        }

        // Tokens are opaque and of any length; a fixed-size digest keys them (and fits the index).
        var token = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(clientToken)));

        var requestHash = CanonicalJson.Hash(input, except: "clientToken");

        return transactions.RunAsync(async () =>
        {
            // Requests carrying the same token serialize here, so a retry waits for the first attempt's outcome.
            await queries.LockKeyAsync("clientToken|" + token, ct);
            var prior = await db.IdempotencyTokens.AsNoTracking().FirstOrDefaultAsync(t => t.ClientToken == token, ct);
            if (prior is not null)
            {
                if (prior.Operation == operation.Name && prior.RequestHash == requestHash)
                {
                    return JsonNode.Parse(prior.Response)!.AsObject();
                }

                throw AppMeshException.Conflict(
                    $"clientToken: '{Shorten(clientToken)}' was already used with a different request ({prior.Operation}); use a new token for a new request.");
            }

            var result = await work();
            db.IdempotencyTokens.Add(new IdempotencyEntity
            {
                ClientToken = token,
                Operation = operation.Name,
                RequestHash = requestHash,
                Response = result.ToJsonString(),
                CreatedAt = time.GetUtcNow(),
            });
            await SaveAsync(ct);
            return result;
        }, DatabaseFailures.IsUniqueViolation, ct);
    }

    // One batch for everything the operation staged (the resource change and the clientToken record).
    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: "23505", ConstraintName: "resources_identity" })
        {
            // Creates in a container are serialized, so this is a safety net, not the usual path.
            throw AppMeshException.Conflict("A resource with that name already exists.");
        }
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";

    private void RequireOwnMesh(JsonObject input)
    {
        if (InputMembers.String(input, "meshOwner") is { } owner && owner != db.CurrentAccountId)
        {
            throw new AppMeshException(AppMeshErrorCode.Forbidden,
                $"meshOwner: the mesh owner {owner} has not shared a mesh with account {db.CurrentAccountId}; CloudMesh does not support cross-account mesh sharing.");
        }
    }
}
