using System.Text;

namespace CloudMesh.Cli.Planning;

/// <summary>
/// Prints a plan as plain text, one line per step with its changes indented under it and a summary at the end.
/// Each line starts with its marker (<c>+ ~ - = !</c>) so the command can colour it without parsing.
/// </summary>
public static class PlanRenderer
{
    private const string Indent = "    ";

    /// <summary>The plan as text, lines separated by <c>\n</c>, ending with the summary line.</summary>
    public static string Render(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        foreach (var step in plan.Steps)
        {
            text.Append(Marker(step.Action)).Append(' ').Append(Verb(step.Action)).Append(' ')
                .Append(PlanText.Resource(step.Id)).Append('\n');
            foreach (var change in step.Changes)
            {
                text.Append(Indent).Append(change).Append('\n');
            }

            foreach (var change in step.TagChanges)
            {
                text.Append(Indent).Append(change).Append('\n');
            }
        }

        foreach (var id in plan.NotManaged)
        {
            text.Append("! not managed ").Append(PlanText.Resource(id)).Append(" (not in the manifests; --prune deletes it)\n");
        }

        return text.Append(Summary(plan)).Append('\n').ToString();
    }

    /// <summary><c>Plan: 2 to create, 1 to update, 0 to delete, 3 unchanged.</c></summary>
    public static string Summary(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var summary = $"Plan: {plan.CreateCount} to create, {plan.UpdateCount} to update, {plan.DeleteCount} to delete, {plan.UnchangedCount} unchanged.";
        return plan.NotManaged.Count == 0 ? summary : $"{summary} {plan.NotManaged.Count} not managed.";
    }

    private static char Marker(PlanAction action) => action switch
    {
        PlanAction.Create => '+',
        PlanAction.Update => '~',
        PlanAction.Delete => '-',
        _ => '=',
    };

    private static string Verb(PlanAction action) => action switch
    {
        PlanAction.Create => "create",
        PlanAction.Update => "update",
        PlanAction.Delete => "delete",
        _ => "unchanged",
    };
}
