using System.Globalization;

namespace CloudMesh.Bench.Api;

/// <summary>What one <c>run</c> invocation measures: one workload, one endpoint, fixed concurrency and duration.</summary>
internal sealed record RunOptions
{
    /// <summary>The App Mesh endpoint, e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>A label for the target, carried into the result (e.g. <c>cloudmesh</c>, <c>moto</c>).</summary>
    public required string Target { get; init; }

    /// <summary>The workload to run.</summary>
    public required WorkloadKind Workload { get; init; }

    /// <summary>Access key id the workers sign with.</summary>
    public required string AccessKeyId { get; init; }

    /// <summary>Secret the workers sign with.</summary>
    public required string SecretAccessKey { get; init; }

    /// <summary>SigV4 region.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Concurrent closed-loop workers (each has one request in flight at a time).</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Measured time.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Unmeasured time before the measurement, so JIT, connection pools and caches are warm.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Virtual nodes created in the setup phase (list, describe and update work over them).</summary>
    public int Nodes { get; init; } = 100;

    /// <summary>Where to write the JSON result besides stdout; null for stdout only.</summary>
    public string? OutputFile { get; init; }

    /// <summary>Parses <c>--name value</c> pairs; throws <see cref="ArgumentException"/> with a usage hint on bad input.</summary>
    public static RunOptions Parse(IReadOnlyList<string> args)
    {
        var values = CommandLine.Pairs(args);
        var options = new RunOptions
        {
            Endpoint = new Uri(CommandLine.Required(values, "endpoint"), UriKind.Absolute),
            Target = CommandLine.Required(values, "target"),
            Workload = WorkloadKinds.Parse(CommandLine.Required(values, "workload")),
            AccessKeyId = CommandLine.Required(values, "access-key"),
            SecretAccessKey = CommandLine.Required(values, "secret-key"),
        };
        return options with
        {
            Region = values.GetValueOrDefault("region") ?? options.Region,
            Concurrency = PositiveInt(values, "concurrency") ?? options.Concurrency,
            Duration = Seconds(values, "duration") ?? options.Duration,
            WarmUp = Seconds(values, "warmup") ?? options.WarmUp,
            Nodes = PositiveInt(values, "nodes") ?? options.Nodes,
            OutputFile = values.GetValueOrDefault("out"),
        };
    }

    private static int? PositiveInt(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"--{name} must be a positive integer, not '{text}'.")
            : null;

    private static TimeSpan? Seconds(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text)
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0
                ? TimeSpan.FromSeconds(s)
                : throw new ArgumentException($"--{name} must be a non-negative number of seconds, not '{text}'.")
            : null;
}
