using System.CommandLine;
using CloudMesh.Cli.Output;
using CloudMesh.Cli.Planning;
using CloudMesh.Sdk.Resources;

namespace CloudMesh.Cli.Commands;

/// <summary><c>cloudmesh delete KIND NAME</c>: deletes one resource (the API refuses while others depend on it).</summary>
internal static class DeleteCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var resource = new ResourceOptions();
        var names = new Argument<string[]>("name") { Description = "The resources' names", Arity = ArgumentArity.OneOrMore };
        var delete = new Command("delete", "Delete resources by name");
        resource.AddTo(delete);
        delete.Arguments.Add(names);
        CommandAction.Set(delete, async (cli, ct) =>
        {
            using var resources = cli.MeshResources();
            foreach (var name in cli.Parse.GetRequiredValue(names))
            {
                var key = resource.KeyOf(cli.Parse, name);
                await resources.DeleteAsync(key, ct);
                CliOutput.Note($"Deleted {PlanText.Resource(key)}.");
            }

            return CliExitCodes.Ok;
        });
        return delete;
    }
}
