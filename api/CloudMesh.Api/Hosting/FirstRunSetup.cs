using System.Text;
using CloudMesh.Api.Admin;
using CloudMesh.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CloudMesh.Api.Hosting;

/// <summary>
/// On the first start against an empty database, creates a tenant named "default" with one access key, writes its
/// credentials (AWS CLI format) under <c>CLOUDMESH_HOME</c>, and prints them with a ready-to-paste AWS CLI profile.
/// Later starts print the same guidance again from that file.
/// </summary>
public static class FirstRunSetup
{
    /// <summary>The AWS CLI profile name written for the default tenant.</summary>
    public const string ProfileName = "cloudmesh";

    /// <summary>Creates the default tenant if there are no tenants; returns the text to print (empty when there is nothing to say).</summary>
    public static async Task<string> RunAsync(IServiceProvider services, CloudMeshOptions options, NpgsqlDataSource dataSource, string endpoint, CancellationToken ct)
    {
        var credentialsFile = Path.Combine(options.Home, "default-tenant.credentials");
        if (options.CreateDefaultTenant)
        {
            // Several instances may start at once: the migration lock also makes this check-and-create single-file.
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using (var cmd = new NpgsqlCommand($"SELECT pg_advisory_lock({SchemaMigrator.MigrationLockId})", connection))
            {
                await cmd.ExecuteNonQueryAsync(ct);
            }

            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CloudMeshDbContext>();
                if (!await db.Tenants.AnyAsync(ct))
                {
                    var admin = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
                    var tenant = await admin.CreateTenantAsync("default", ct);
                    var (key, secret) = await admin.CreateAccessKeyAsync(tenant.AccountId, ct);
                    Directory.CreateDirectory(options.Home);
                    await File.WriteAllTextAsync(credentialsFile,
                        $"[{ProfileName}]\naws_access_key_id = {key.AccessKeyId}\naws_secret_access_key = {secret}\n# account id: {tenant.AccountId}\n", ct);
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(credentialsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                    }
                }
            }
            finally
            {
                await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({SchemaMigrator.MigrationLockId})", connection);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }

        return File.Exists(credentialsFile) ? Guidance(await File.ReadAllTextAsync(credentialsFile, ct), options, endpoint, credentialsFile) : "";
    }

    private static string Guidance(string credentials, CloudMeshOptions options, string endpoint, string file)
    {
        string Value(string name) => credentials.Split('\n')
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2 && p[0].Trim() == name)
            .Select(p => p[1].Trim()).FirstOrDefault() ?? "";
        var account = credentials.Split('\n').FirstOrDefault(l => l.StartsWith("# account id:", StringComparison.Ordinal))?["# account id:".Length..].Trim();

        var text = new StringBuilder();
        text.AppendLine("Default tenant (created on first start; credentials kept in " + file + "):");
        text.AppendLine($"  account id:        {account}");
        text.AppendLine($"  access key id:     {Value("aws_access_key_id")}");
        text.AppendLine($"  secret access key: {Value("aws_secret_access_key")}");
        text.AppendLine("AWS CLI profile (paste into a shell):");
        text.AppendLine($"  aws configure set aws_access_key_id {Value("aws_access_key_id")} --profile {ProfileName}");
        text.AppendLine($"  aws configure set aws_secret_access_key {Value("aws_secret_access_key")} --profile {ProfileName}");
        text.AppendLine($"  aws configure set region {options.Region} --profile {ProfileName}");
        text.AppendLine($"  aws appmesh list-meshes --profile {ProfileName} --endpoint-url {endpoint}");
        return text.ToString();
    }
}
