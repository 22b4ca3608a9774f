using System.Globalization;

namespace CloudMesh.Fuzz.Tests.Campaign;

/// <summary>
/// The seed and length of a run. The defaults make every run identical; <c>CLOUDMESH_FUZZ_SEED</c> and
/// <c>CLOUDMESH_FUZZ_ITERATIONS</c> explore further or replay a reported seed.
/// </summary>
internal sealed record FuzzSettings(int Seed, int Iterations)
{
    public const string SeedVariable = "CLOUDMESH_FUZZ_SEED";
    public const string IterationsVariable = "CLOUDMESH_FUZZ_ITERATIONS";
    public const int DefaultSeed = 20190125;
    public const int DefaultIterations = 3000;

    public static FuzzSettings FromEnvironment() => new(
        Read(SeedVariable, DefaultSeed, allowNegative: true),
        Read(IterationsVariable, DefaultIterations, allowNegative: false));

    private static int Read(string variable, int fallback, bool allowNegative)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && (allowNegative || value > 0)
            ? value
            : throw new InvalidOperationException($"{variable} must be an integer{(allowNegative ? "" : " above 0")}, not '{text}'.");
    }
}
