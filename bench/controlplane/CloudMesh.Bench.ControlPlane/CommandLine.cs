using System.Globalization;

namespace CloudMesh.Bench.ControlPlane;

/// <summary><c>--name value</c> options after a command word; a repeated name keeps its last value.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Parses the pairs; anything else is an error.</summary>
    public CommandLine(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--name value' pairs; '{args[i]}' has no value or is not an option.");
            }

            _values[args[i][2..]] = args[i + 1];
        }
    }

    /// <summary>A required string option.</summary>
    public string Required(string name) =>
        _values.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new ArgumentException($"--{name} is required.");

    /// <summary>An optional string option.</summary>
    public string? Optional(string name) => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>An integer option with a default and a lower bound.</summary>
    public int Int(string name, int fallback, int min = 0)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new ArgumentException($"--{name} must be an integer ≥ {min}, not '{text}'.");
    }
}
