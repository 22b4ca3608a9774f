using System.CommandLine;
using Amazon.Runtime;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Manifests;
using CloudMesh.Cli.Output;
using CloudMesh.Cli.Planning;
using CloudMesh.Cli.Resources;
using CloudMesh.Sdk.Resources;
using Spectre.Console;

namespace CloudMesh.Cli.Commands;

/// <summary>
/// <c>cloudmesh apply -f FILE|DIR</c>: makes the API hold what the manifests declare. It loads and validates every
/// manifest first (nothing is sent while any is invalid), reads the declared meshes, prints the plan (create, update,
/// delete with <c>--prune</c>, unchanged) with each spec change, and then applies it step by step in dependency order.
/// A failure stops at that step and says which steps were applied and which were not.
/// </summary>
internal static class ApplyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var files = new Option<string[]>("--filename", "-f")
        {
            Description = "Manifest file or directory (repeatable): appmesh.k8s.aws/v1beta2 objects or the native cloudmesh/v1 form",
            Required = true,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the plan; change nothing" };
        var prune = new Option<bool>("--prune") { Description = "Delete resources of the declared meshes that the manifests do not declare" };
        var apply = new Command("apply", "Apply meshes declared in YAML: plan, show the diff, apply in dependency order") { files, dryRun, prune };
        CommandAction.Set(apply, async (cli, ct) =>
        {
            IReadOnlyList<DesiredResource> desired;
            try
            {
                desired = ManifestLoader.LoadFiles(cli.Parse.GetRequiredValue(files));
            }
            catch (ManifestException e)
            {
                return Invalid(e);
            }

            using var api = cli.MeshResources();
            var tagged = desired.Where(d => d.Tags is not null).Select(d => d.Id).ToHashSet();
            var snapshot = await MeshSnapshot.ReadAsync(api, Planner.MeshesOf(desired), tagged.Contains, ct);
            Plan plan;
            try
            {
                plan = Planner.Compute(desired, snapshot.Resources, new PlanOptions { Prune = cli.Parse.GetValue(prune) });
            }
            catch (ManifestException e)
            {
                return Invalid(e);
            }

            PrintPlan(plan);
            if (cli.Parse.GetValue(dryRun) || !plan.HasChanges)
            {
                CliOutput.Note(cli.Parse.GetValue(dryRun) ? "Dry run: nothing was changed." : "Nothing to do.");
                return CliExitCodes.Ok;
            }

            return await ExecuteAsync(api, plan, snapshot, ct);
        });
        return apply;
    }

    private static int Invalid(ManifestException e)
    {
        foreach (var error in e.Errors)
        {
            Console.Error.WriteLine($"cloudmesh: error: {error}");
        }

        Console.Error.WriteLine($"cloudmesh: {e.Errors.Count} error(s); nothing was applied.");
        return CliExitCodes.Failed;
    }

    /// <summary>Prints the plan; each line's marker picks its colour when standard output is a terminal.</summary>
    private static void PrintPlan(Plan plan)
    {
        foreach (var line in PlanRenderer.Render(plan).TrimEnd('\n').Split('\n'))
        {
            var colour = line.TrimStart() switch
            {
                ['+', ..] => "green",
                ['~', ..] => "yellow",
                ['-', ..] => "red",
                ['!', ..] => "fuchsia",
                _ => null,
            };
            AnsiConsole.MarkupLine(colour is null ? Markup.Escape(line) : $"[{colour}]{Markup.Escape(line)}[/]");
        }
    }

    private static async Task<int> ExecuteAsync(MeshResources api, Plan plan, MeshSnapshot snapshot, CancellationToken ct)
    {
        var steps = plan.Steps.Where(s => s.Action != PlanAction.Unchanged).ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var name = $"{Verb(step.Action)} {PlanText.Resource(step.Id)}";
            try
            {
                await ApplyStepAsync(api, step, snapshot, ct);
                CliOutput.Note($"[{i + 1}/{steps.Count}] {name}: done");
            }
            catch (AmazonServiceException e)
            {
                CliOutput.Note($"[{i + 1}/{steps.Count}] {name}: FAILED");
                Console.Error.WriteLine($"cloudmesh: error: {name}: {e.ErrorCode}: {e.Message}");
                var rest = steps.Skip(i + 1).Select(s => $"{Verb(s.Action)} {PlanText.Resource(s.Id)}").ToList();
                Console.Error.WriteLine(i == 0
                    ? "cloudmesh: nothing was applied."
                    : $"cloudmesh: applied {i} of {steps.Count} steps; not applied: {name}{(rest.Count > 0 ? ", " + string.Join(", ", rest) : "")}.");
                return i == 0 ? CliExitCodes.Failed : CliExitCodes.PartiallyApplied;
            }
        }

        CliOutput.Note($"Applied {steps.Count} step(s).");
        return CliExitCodes.Ok;
    }

    private static async Task ApplyStepAsync(MeshResources api, PlanStep step, MeshSnapshot snapshot, CancellationToken ct)
    {
        switch (step.Action)
        {
            case PlanAction.Create:
                await api.CreateAsync(step.Id, step.After!, step.TagsToSet.Count > 0 ? step.TagsToSet : null, ct);
                break;
            case PlanAction.Update:
                if (step.SpecChanged)
                {
                    await api.UpdateAsync(step.Id, step.After!, ct);
                }

                if (step.TagChanges.Count > 0)
                {
                    var arn = snapshot.Arns[step.Id];
                    var current = snapshot.Resources.First(r => r.Id == step.Id).Tags ?? new Dictionary<string, string>();
                    // The current tags, less the removed ones, with the added and changed ones set.
                    var desired = new Dictionary<string, string>(current, StringComparer.Ordinal);
                    foreach (var key in step.TagKeysToRemove)
                    {
                        desired.Remove(key);
                    }

                    foreach (var (key, value) in step.TagsToSet)
                    {
                        desired[key] = value;
                    }
                    await api.SetTagsAsync(arn, desired, current, ct);
                }

                break;
            case PlanAction.Delete:
                await api.DeleteAsync(step.Id, ct);
                break;
        }
    }

    private static string Verb(PlanAction action) => action switch
    {
        PlanAction.Create => "create",
        PlanAction.Update => "update",
        PlanAction.Delete => "delete",
        _ => "keep",
    };
}
