using System.CommandLine;
using CloudMesh.Cli.Output;
using CloudMesh.Cli.Resources;
using CloudMesh.Sdk.Resources;

namespace CloudMesh.Cli.Commands;

/// <summary><c>cloudmesh describe KIND NAME</c>: one resource's whole document (metadata, spec, status) and its tags.</summary>
internal static class DescribeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var resource = new ResourceOptions();
        var name = new Argument<string>("name") { Description = "The resource's name" };
        var output = CliCommands.Output(OutputFormat.Yaml);
        var describe = new Command("describe", "Show one resource: metadata, spec, status and tags");
        resource.AddTo(describe);
        describe.Arguments.Add(name);
        describe.Options.Add(output);
        CommandAction.Set(describe, async (cli, ct) =>
        {
            using var resources = cli.MeshResources();
            var data = await resources.DescribeAsync(resource.KeyOf(cli.Parse, cli.Parse.GetRequiredValue(name)), ct);
            if (data["metadata"]?["arn"]?.GetValue<string>() is { } arn)
            {
                data["tags"] = ResourceTags.ToJson(await resources.TagsAsync(arn, ct));
            }

            TenantsCommand.Document(cli.Parse.GetValue(output), data);
            return CliExitCodes.Ok;
        });
        return describe;
    }
}
