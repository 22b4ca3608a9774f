using System.CommandLine;
using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Cli.Output;
using CloudMesh.Cli.Resources;
using CloudMesh.Sdk.Resources;

namespace CloudMesh.Cli.Commands;

/// <summary>
/// <c>cloudmesh get KIND [NAME]</c>: lists resources of a kind in a mesh (routes of every router unless one is named),
/// or shows one. Tables for people; <c>-o json|yaml</c> prints the API's own documents.
/// </summary>
internal static class GetCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var resource = new ResourceOptions();
        var name = new Argument<string?>("name") { Description = "One resource's name (default: all of the kind)", Arity = ArgumentArity.ZeroOrOne };
        var output = CliCommands.Output(OutputFormat.Table);
        var get = new Command("get", "List resources of a kind, or show one");
        resource.AddTo(get);
        get.Arguments.Add(name);
        get.Options.Add(output);
        CommandAction.Set(get, async (cli, ct) =>
        {
            var kind = resource.KindOf(cli.Parse);
            using var resources = cli.MeshResources();
            var format = cli.Parse.GetValue(output);
            if (cli.Parse.GetValue(name) is { } one)
            {
                var data = await resources.DescribeAsync(resource.KeyOf(cli.Parse, one), ct);
                CliOutput.Print(format, Headers(kind), [Row(kind, data)], data);
                return CliExitCodes.Ok;
            }

            var mesh = kind.IsMesh ? null : resource.RequireMesh(cli.Parse, kind);
            var refs = await resources.ListAsync(kind, mesh, resource.ParentOf(cli.Parse, kind), ct);
            CliOutput.Print(format, Headers(kind), refs.Select(r => Row(kind, r)), new JsonArray([.. refs.Select(r => r.DeepClone())]));
            return CliExitCodes.Ok;
        });
        return get;
    }

    private static string[] Headers(ResourceKind kind) => kind switch
    {
        { IsMesh: true } => ["name", "version", "status", "last updated"],
        { Parent: { } parent } => ["name", KindNames.Kebab(parent), "mesh", "version", "status", "last updated"],
        _ => ["name", "mesh", "version", "status", "last updated"],
    };

    /// <summary>One table row from a reference (list) or a data document (describe); status only comes with the latter.</summary>
    private static string[] Row(ResourceKind kind, JsonObject item)
    {
        var name = item[kind.NameMember]?.GetValue<string>() ?? "";
        var metadata = item["metadata"] as JsonObject ?? item; // references carry metadata members at the top level
        var version = metadata["version"]?.ToJsonString() ?? "";
        var status = item["status"]?["status"]?.GetValue<string>() ?? "";
        var updated = metadata["lastUpdatedAt"] is JsonValue v && v.TryGetValue<double>(out var seconds)
            ? CliOutput.Time(DateTime.UnixEpoch.AddSeconds(seconds))
            : "";
        return kind switch
        {
            { IsMesh: true } => [name, version, status, updated],
            { Parent: { } parent } => [name, item[parent.NameMember]?.GetValue<string>() ?? "", item["meshName"]?.GetValue<string>() ?? "", version, status, updated],
            _ => [name, item["meshName"]?.GetValue<string>() ?? "", version, status, updated],
        };
    }
}
