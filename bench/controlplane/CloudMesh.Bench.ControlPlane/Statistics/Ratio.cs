namespace CloudMesh.Bench.ControlPlane.Statistics;

/// <summary>How many times a figure is its peer's, as the benchmark tables print it.</summary>
internal static class Ratio
{
    /// <summary><paramref name="subject"/> / <paramref name="peer"/>; null when the peer is not positive (no meaningful ratio).</summary>
    public static double? Of(double subject, double peer) => peer > 0 ? subject / peer : null;

    /// <summary>"12.3×", or "n/a" when there is no ratio.</summary>
    public static string Format(double? ratio) =>
        ratio is { } r ? r.ToString(r >= 100 ? "0" : r >= 10 ? "0.0" : "0.00", System.Globalization.CultureInfo.InvariantCulture) + "×" : "n/a";
}
