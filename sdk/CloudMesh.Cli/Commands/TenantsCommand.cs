using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using CloudMesh.Cli.Output;
using CloudMesh.Sdk.Admin;

namespace CloudMesh.Cli.Commands;

/// <summary><c>cloudmesh tenants</c>: list, create, describe and delete tenants, and read or set their limits (admin token).</summary>
internal static class TenantsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var tenants = new Command("tenants", "Manage tenants (accounts); needs the admin token");

        var list = new Command("list", "List tenants");
        var listOutput = CliCommands.Output(OutputFormat.Table);
        list.Options.Add(listOutput);
        CommandAction.Set(list, async (cli, ct) =>
        {
            using var admin = cli.AdminClient();
            var all = await admin.ListTenantsAsync(ct);
            CliOutput.Print(cli.Parse.GetValue(listOutput), ["account id", "name", "created"],
                all.Select(t => new[] { t.AccountId, t.Name, CliOutput.Time(t.CreatedAt) }),
                new JsonArray([.. all.Select(Json)]));
            return CliExitCodes.Ok;
        });

        var name = new Argument<string>("name") { Description = "The tenant's name" };
        var withKey = new Option<bool>("--with-key") { Description = "Also create an access key and print it" };
        var createOutput = CliCommands.Output(OutputFormat.Table);
        var create = new Command("create", "Create a tenant") { name, withKey, createOutput };
        CommandAction.Set(create, async (cli, ct) =>
        {
            using var admin = cli.AdminClient();
            var tenant = await admin.CreateTenantAsync(cli.Parse.GetRequiredValue(name), ct);
            var json = Json(tenant);
            var rows = new List<string[]> { new[] { tenant.AccountId, tenant.Name, CliOutput.Time(tenant.CreatedAt), "", "" } };
            if (cli.Parse.GetValue(withKey))
            {
                var key = await admin.CreateAccessKeyAsync(tenant.AccountId, ct);
                json["accessKeyId"] = key.AccessKeyId;
                json["secretAccessKey"] = key.SecretAccessKey;
                rows[0][3] = key.AccessKeyId;
                rows[0][4] = key.SecretAccessKey;
            }

            CliOutput.Print(cli.Parse.GetValue(createOutput), ["account id", "name", "created", "access key id", "secret access key"], rows, json);
            return CliExitCodes.Ok;
        });

        var account = new Argument<string>("account-id") { Description = "The tenant's account id" };
        var describeOutput = CliCommands.Output(OutputFormat.Yaml);
        var describe = new Command("describe", "Show a tenant with its access keys, xDS tokens and limits") { account, describeOutput };
        CommandAction.Set(describe, async (cli, ct) =>
        {
            using var admin = cli.AdminClient();
            var id = cli.Parse.GetRequiredValue(account);
            var tenant = Json(await admin.GetTenantAsync(id, ct));
            tenant["accessKeys"] = new JsonArray([.. (await admin.ListAccessKeysAsync(id, ct)).Select(KeysCommand.Json)]);
            tenant["xdsTokens"] = new JsonArray([.. (await admin.ListXdsTokensAsync(id, ct)).Select(KeysCommand.Json)]);
            tenant["limits"] = Json(await admin.GetLimitsAsync(id, ct));
            Document(cli.Parse.GetValue(describeOutput), tenant);
            return CliExitCodes.Ok;
        });

        var deleteAccount = new Argument<string>("account-id") { Description = "The tenant's account id" };
        var delete = new Command("delete", "Delete a tenant and everything it owns") { deleteAccount };
        CommandAction.Set(delete, async (cli, ct) =>
        {
            using var admin = cli.AdminClient();
            var id = cli.Parse.GetRequiredValue(deleteAccount);
            await admin.DeleteTenantAsync(id, ct);
            CliOutput.Note($"Deleted tenant {id}.");
            return CliExitCodes.Ok;
        });

        tenants.Subcommands.Add(list);
        tenants.Subcommands.Add(create);
        tenants.Subcommands.Add(describe);
        tenants.Subcommands.Add(delete);
        tenants.Subcommands.Add(BuildLimits());
        return tenants;
    }

    private static Command BuildLimits()
    {
        var account = new Argument<string>("account-id") { Description = "The tenant's account id" };
        var rps = new Option<int?>("--requests-per-second") { Description = "Sustained API requests per second (0: unlimited)" };
        var burst = new Option<int?>("--burst") { Description = "Request bucket size" };
        var quota = new Option<string[]>("--quota")
        {
            Description = "A quota override NAME=VALUE (repeatable), e.g. meshes=50",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = CliCommands.Output(OutputFormat.Yaml);
        var limits = new Command("limits", "Show a tenant's rate limit and quotas; with options, change them") { account, rps, burst, quota, output };
        CommandAction.Set(limits, async (cli, ct) =>
        {
            using var admin = cli.AdminClient();
            var id = cli.Parse.GetRequiredValue(account);
            var quotas = ParseQuotas(cli.Parse.GetValue(quota) ?? []);
            var (newRps, newBurst) = (cli.Parse.GetValue(rps), cli.Parse.GetValue(burst));
            var result = newRps is null && newBurst is null && quotas is null
                ? await admin.GetLimitsAsync(id, ct)
                : await admin.SetLimitsAsync(id, newRps, newBurst, quotas, ct);
            Document(cli.Parse.GetValue(output), Json(result));
            return CliExitCodes.Ok;
        });
        return limits;
    }

    private static Dictionary<string, int>? ParseQuotas(string[] items)
    {
        if (items.Length == 0)
        {
            return null;
        }

        var quotas = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var parts = item.Split('=', 2);
            if (parts.Length != 2 || parts[0].Length == 0 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new CliException($"--quota '{item}': expected NAME=VALUE with a non-negative integer value.", CliExitCodes.Usage);
            }

            quotas[parts[0]] = value;
        }

        return quotas;
    }

    /// <summary>Prints one document as YAML or JSON (a table has no sensible shape for it, so it means YAML).</summary>
    internal static void Document(OutputFormat format, JsonNode document)
    {
        if (format == OutputFormat.Json)
        {
            CliOutput.Json(document);
        }
        else
        {
            CliOutput.Yaml(document);
        }
    }

    private static JsonObject Json(Tenant tenant) => new()
    {
        ["accountId"] = tenant.AccountId,
        ["name"] = tenant.Name,
        ["createdAt"] = tenant.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
    };

    private static JsonObject Json(TenantLimits limits) => new()
    {
        ["requestsPerSecond"] = limits.RequestsPerSecond,
        ["burst"] = limits.Burst,
        ["quotas"] = new JsonObject(limits.Quotas.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value))),
    };
}
