using System.Security.Cryptography;
using System.Text.Json;
using CloudMesh.Api.Core.Errors;
using CloudMesh.Api.Core.Tenancy;
using CloudMesh.Api.Persistence;
using CloudMesh.Api.Persistence.Entities;
using CloudMesh.Api.Security;
using CloudMesh.Api.Throttling;
using Microsoft.EntityFrameworkCore;

namespace CloudMesh.Api.Admin;

/// <summary>Creates, lists and deletes tenants and their access keys, and sets their limits (the admin API's logic).</summary>
public sealed class TenantAdministration(
    CloudMeshDbContext db,
    SecretProtector protector,
    AccessKeyStore keys,
    TenantLimitsProvider limits,
    MeshChangePublisher changes,
    TimeProvider time)
{
    private const string AccessKeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Creates a tenant with a fresh, unused account id.</summary>
    public async Task<TenantEntity> CreateTenantAsync(string name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 255)
        {
            throw AppMeshException.BadRequest("name: a tenant name of 1 to 255 characters is required.");
        }

        for (var attempt = 0; ; attempt++)
        {
            var tenant = new TenantEntity { AccountId = AccountIds.New(), Name = name.Trim(), CreatedAt = time.GetUtcNow() };
            db.Tenants.Add(tenant);
            try
            {
                await db.SaveChangesAsync(ct);
                return tenant;
            }
            catch (DbUpdateException ex) when (DatabaseFailures.IsUniqueViolation(ex) && attempt < 5)
            {
                db.ChangeTracker.Clear(); // an account id collision: draw another
            }
        }
    }

    /// <summary>All tenants, oldest first.</summary>
    public Task<List<TenantEntity>> ListTenantsAsync(CancellationToken ct) =>
        db.Tenants.AsNoTracking().OrderBy(t => t.CreatedAt).ThenBy(t => t.AccountId).ToListAsync(ct);

    /// <summary>One tenant, or NotFoundException.</summary>
    public async Task<TenantEntity> GetTenantAsync(string accountId, CancellationToken ct) =>
        await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.AccountId == accountId, ct)
        ?? throw AppMeshException.NotFound($"accountId: no tenant {accountId} exists.");

    /// <summary>Deletes a tenant with its keys and every resource it owns (one transaction, by cascade).</summary>
    public async Task DeleteTenantAsync(string accountId, CancellationToken ct)
    {
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.AccountId == accountId, ct)
            ?? throw AppMeshException.NotFound($"accountId: no tenant {accountId} exists.");
        // The cascade removes every mesh the tenant had; replicas must drop what they compiled for them. (A mesh created
        // between this read and the delete is not announced; the replicas' periodic resync catches it.)
        var meshes = await db.Database
            .SqlQuery<string>($"SELECT name AS \"Value\" FROM resources WHERE account_id = {accountId} AND kind = 'mesh'")
            .ToListAsync(ct);
        db.Tenants.Remove(tenant);
        await db.SaveChangesAsync(ct);
        keys.InvalidateAll();
        limits.Invalidate(accountId);
        foreach (var mesh in meshes)
        {
            changes.Publish(accountId, mesh);
        }
    }

    /// <summary>Creates an access key; the returned secret is never shown again.</summary>
    public async Task<(AccessKeyEntity Key, string Secret)> CreateAccessKeyAsync(string accountId, CancellationToken ct)
    {
        await GetTenantAsync(accountId, ct);
        var id = "AKIA" + RandomString(AccessKeyAlphabet, 16);
        var secret = RandomString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40);
        var key = new AccessKeyEntity
        {
            AccessKeyId = id,
            AccountId = accountId,
            EncryptedSecret = protector.Protect(id, secret),
            CreatedAt = time.GetUtcNow(),
        };
        db.AccessKeys.Add(key);
        await db.SaveChangesAsync(ct);
        keys.Invalidate(id);
        return (key, secret);
    }

    /// <summary>A tenant's access keys (ids only).</summary>
    public async Task<List<AccessKeyEntity>> ListAccessKeysAsync(string accountId, CancellationToken ct)
    {
        await GetTenantAsync(accountId, ct);
        return await db.AccessKeys.AsNoTracking().Where(k => k.AccountId == accountId)
            .OrderBy(k => k.CreatedAt).ThenBy(k => k.AccessKeyId).ToListAsync(ct);
    }

    /// <summary>Deletes an access key; requests signed with it fail from now on.</summary>
    public async Task DeleteAccessKeyAsync(string accountId, string accessKeyId, CancellationToken ct)
    {
        var key = await db.AccessKeys.FirstOrDefaultAsync(k => k.AccountId == accountId && k.AccessKeyId == accessKeyId, ct)
            ?? throw AppMeshException.NotFound($"accessKeyId: tenant {accountId} has no access key {accessKeyId}.");
        db.AccessKeys.Remove(key);
        await db.SaveChangesAsync(ct);
        keys.Invalidate(accessKeyId);
    }

    /// <summary>The tenant's effective limits.</summary>
    public async Task<TenantLimits> GetLimitsAsync(string accountId, CancellationToken ct)
    {
        var tenant = await GetTenantAsync(accountId, ct);
        return limits.Effective(tenant.RequestsPerSecond, tenant.Burst, tenant.Quotas);
    }

    /// <summary>Sets the tenant's overrides: members left null keep their current value.</summary>
    public async Task<TenantLimits> SetLimitsAsync(string accountId, int? requestsPerSecond, int? burst, TenantQuotas? quotas, CancellationToken ct)
    {
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.AccountId == accountId, ct)
            ?? throw AppMeshException.NotFound($"accountId: no tenant {accountId} exists.");
        if (requestsPerSecond is < 0 || burst is < 0)
        {
            throw AppMeshException.BadRequest("requestsPerSecond and burst must not be negative.");
        }

        tenant.RequestsPerSecond = requestsPerSecond ?? tenant.RequestsPerSecond;
        tenant.Burst = burst ?? tenant.Burst;
        if (quotas is not null)
        {
            tenant.Quotas = JsonSerializer.Serialize(quotas, TenantLimitsProvider.QuotaJson);
        }

        await db.SaveChangesAsync(ct);
        limits.Invalidate(accountId);
        return limits.Effective(tenant.RequestsPerSecond, tenant.Burst, tenant.Quotas);
    }

    private static string RandomString(string alphabet, int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(chars);
    }
}
