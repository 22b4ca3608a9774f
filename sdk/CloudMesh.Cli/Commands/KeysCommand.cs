using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using CloudMesh.Cli.Configuration;
using CloudMesh.Cli.Output;
using CloudMesh.Sdk.Admin;

namespace CloudMesh.Cli.Commands;

/// <summary>
/// <c>cloudmesh keys</c>: a tenant's access keys (what SDKs and the AWS CLI sign with) and xDS tokens (what proxies
/// authenticate their ADS stream with). Needs the admin token.
/// </summary>
internal static class KeysCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var keys = new Command("keys", "Manage a tenant's access keys and xDS tokens; needs the admin token");

        var listAccount = Account();
        var listOutput = CliCommands.Output(OutputFormat.Table);
        var list = new Command("list", "List a tenant's access keys") { listAccount, listOutput };
        CommandAction.Set(list, async (cli, ct) =>
        {
            using var admin = cli.AdminClient();
            var all = await admin.ListAccessKeysAsync(cli.Parse.GetRequiredValue(listAccount), ct);
            CliOutput.Print(cli.Parse.GetValue(listOutput), ["access key id", "created"],
                all.Select(k => new[] { k.AccessKeyId, CliOutput.Time(k.CreatedAt) }), new JsonArray([.. all.Select(Json)]));
            return CliExitCodes.Ok;
        });

        var createAccount = Account();
        var writeProfile = new Option<string?>("--write-profile")
        {
            Description = "Also save the key as this AWS profile (shared credentials and config files), with the region and endpoint",
        };
        var createOutput = CliCommands.Output(OutputFormat.Table);
        var create = new Command("create", "Create an access key; the secret is shown only now") { createAccount, writeProfile, createOutput };
        CommandAction.Set(create, async (cli, ct) =>
        {
            using var admin = cli.AdminClient();
            var key = await admin.CreateAccessKeyAsync(cli.Parse.GetRequiredValue(createAccount), ct);
            if (cli.Parse.GetValue(writeProfile) is { } profile)
            {
                AwsProfileWriter.Write(profile, key.AccessKeyId, key.SecretAccessKey, cli.Settings.Region ?? TenantCredentials.DefaultRegion, cli.Settings.Endpoint);
                CliOutput.Note($"Saved as AWS profile '{profile}'.");
            }

            var json = Json(key);
            CliOutput.Print(cli.Parse.GetValue(createOutput), ["access key id", "secret access key", "created"],
                [[key.AccessKeyId, key.SecretAccessKey, CliOutput.Time(key.CreatedAt)]], json);
            return CliExitCodes.Ok;
        });

        var deleteAccount = Account();
        var keyId = new Argument<string>("access-key-id") { Description = "The access key id" };
        var delete = new Command("delete", "Delete (revoke) an access key") { deleteAccount, keyId };
        CommandAction.Set(delete, async (cli, ct) =>
        {
            using var admin = cli.AdminClient();
            await admin.DeleteAccessKeyAsync(cli.Parse.GetRequiredValue(deleteAccount), cli.Parse.GetRequiredValue(keyId), ct);
            CliOutput.Note($"Deleted access key {cli.Parse.GetRequiredValue(keyId)}.");
            return CliExitCodes.Ok;
        });

        keys.Subcommands.Add(list);
        keys.Subcommands.Add(create);
        keys.Subcommands.Add(delete);
        keys.Subcommands.Add(BuildXds());
        return keys;
    }

    private static Command BuildXds()
    {
        var xds = new Command("xds", "A tenant's xDS tokens (CLOUDMESH_XDS_TOKEN for proxies)");

        var listAccount = Account();
        var listOutput = CliCommands.Output(OutputFormat.Table);
        var list = new Command("list", "List a tenant's xDS tokens") { listAccount, listOutput };
        CommandAction.Set(list, async (cli, ct) =>
        {
            using var admin = cli.AdminClient();
            var all = await admin.ListXdsTokensAsync(cli.Parse.GetRequiredValue(listAccount), ct);
            CliOutput.Print(cli.Parse.GetValue(listOutput), ["token id", "description", "created"],
                all.Select(t => new[] { t.TokenId, t.Description, CliOutput.Time(t.CreatedAt) }), new JsonArray([.. all.Select(Json)]));
            return CliExitCodes.Ok;
        });

        var createAccount = Account();
        var description = new Option<string?>("--description") { Description = "What the token is for" };
        var createOutput = CliCommands.Output(OutputFormat.Table);
        var create = new Command("create", "Issue an xDS token; it is shown only now") { createAccount, description, createOutput };
        CommandAction.Set(create, async (cli, ct) =>
        {
            using var admin = cli.AdminClient();
            var token = await admin.CreateXdsTokenAsync(cli.Parse.GetRequiredValue(createAccount), cli.Parse.GetValue(description), ct);
            var json = Json(new XdsToken(token.TokenId, token.Description, token.CreatedAt));
            json["token"] = token.Token;
            CliOutput.Print(cli.Parse.GetValue(createOutput), ["token id", "token", "created"],
                [[token.TokenId, token.Token, CliOutput.Time(token.CreatedAt)]], json);
            return CliExitCodes.Ok;
        });

        var deleteAccount = Account();
        var tokenId = new Argument<string>("token-id") { Description = "The token's id" };
        var delete = new Command("delete", "Revoke an xDS token") { deleteAccount, tokenId };
        CommandAction.Set(delete, async (cli, ct) =>
        {
            using var admin = cli.AdminClient();
            await admin.DeleteXdsTokenAsync(cli.Parse.GetRequiredValue(deleteAccount), cli.Parse.GetRequiredValue(tokenId), ct);
            CliOutput.Note($"Revoked xDS token {cli.Parse.GetRequiredValue(tokenId)}.");
            return CliExitCodes.Ok;
        });

        xds.Subcommands.Add(list);
        xds.Subcommands.Add(create);
        xds.Subcommands.Add(delete);
        return xds;
    }

    private static Argument<string> Account() => new("account-id") { Description = "The tenant's account id" };

    internal static JsonObject Json(AccessKey key) => new()
    {
        ["accessKeyId"] = key.AccessKeyId,
        ["createdAt"] = key.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
    };

    private static JsonObject Json(NewAccessKey key) => new()
    {
        ["accessKeyId"] = key.AccessKeyId,
        ["secretAccessKey"] = key.SecretAccessKey,
        ["createdAt"] = key.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
    };

    internal static JsonObject Json(XdsToken token) => new()
    {
        ["tokenId"] = token.TokenId,
        ["description"] = token.Description,
        ["createdAt"] = token.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
    };
}
