using System.CommandLine;

namespace CloudMesh.Cli;

/// <summary>The command tree of <c>cloudmesh</c>.</summary>
internal static class CliCommands
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("cloudmesh: run CloudMesh, apply meshes declared in YAML, and manage tenants and keys.");
        return root;
    }
}
