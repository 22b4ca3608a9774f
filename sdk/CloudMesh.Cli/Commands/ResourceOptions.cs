using System.CommandLine;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Cli.Resources;

namespace CloudMesh.Cli.Commands;

/// <summary>The arguments that name App Mesh resources on the command line: kind, name, mesh and parent.</summary>
internal sealed class ResourceOptions
{
    /// <summary>The kind, in any spelling <see cref="KindNames"/> accepts.</summary>
    public Argument<string> Kind { get; } = new("kind") { Description = "Resource kind: " + KindNames.Accepted };

    /// <summary>The mesh.</summary>
    public Option<string?> Mesh { get; } = new("--mesh", "-m") { Description = "The mesh (not needed for kind mesh)" };

    /// <summary>The virtual router of a route.</summary>
    public Option<string?> Router { get; } = new("--virtual-router", "--router") { Description = "The virtual router (routes)" };

    /// <summary>The virtual gateway of a gateway route.</summary>
    public Option<string?> Gateway { get; } = new("--virtual-gateway", "--gateway") { Description = "The virtual gateway (gateway routes)" };

    /// <summary>Adds the kind argument and the mesh and parent options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Kind);
        command.Options.Add(Mesh);
        command.Options.Add(Router);
        command.Options.Add(Gateway);
    }

    /// <summary>The kind given.</summary>
    public ResourceKind KindOf(ParseResult parse) => KindNames.Parse(parse.GetRequiredValue(Kind));

    /// <summary>The mesh given; required for every kind but meshes.</summary>
    public string RequireMesh(ParseResult parse, ResourceKind kind) =>
        parse.GetValue(Mesh) ?? throw new CliException($"A {KindNames.Kebab(kind)} lives in a mesh: pass --mesh.", CliExitCodes.Usage);

    /// <summary>The router or gateway given for a kind that has one; null when not given or not applicable.</summary>
    public string? ParentOf(ParseResult parse, ResourceKind kind) =>
        kind.Parent == ResourceKinds.VirtualRouter ? parse.GetValue(Router)
        : kind.Parent == ResourceKinds.VirtualGateway ? parse.GetValue(Gateway)
        : null;

    /// <summary>The full key of one named resource; the parent is required for routes and gateway routes.</summary>
    public ResourceKey KeyOf(ParseResult parse, string name)
    {
        var kind = KindOf(parse);
        if (kind.IsMesh)
        {
            return ResourceKey.ForMesh(name);
        }

        var mesh = RequireMesh(parse, kind);
        var parent = "";
        if (kind.Parent is { } parentKind)
        {
            parent = ParentOf(parse, kind) ?? throw new CliException(
                $"A {KindNames.Kebab(kind)} belongs to a {KindNames.Kebab(parentKind)}: pass --{KindNames.Kebab(parentKind)}.", CliExitCodes.Usage);
        }

        return new ResourceKey(kind, mesh, parent, name);
    }
}
