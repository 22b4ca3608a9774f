namespace CloudMesh.Bench.Api;

/// <summary>The little argument parsing the tool needs: <c>--name value</c> pairs after a command word.</summary>
internal static class CommandLine
{
    /// <summary>Reads <c>--name value</c> pairs; a repeated name keeps its last value.</summary>
    public static Dictionary<string, string> Pairs(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--name value' pairs; '{args[i]}' has no value or is not an option.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        return values;
    }

    /// <summary>The value of a required option.</summary>
    public static string Required(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new ArgumentException($"--{name} is required.");
}
