using System.Text.Json.Nodes;

namespace CloudMesh.Conformance.Tests.Infrastructure;

/// <summary>
/// A class fixture that runs a test class's scenario once and hands its report to every test of the class, so one
/// client process serves many small assertions (each test still names exactly what broke).
/// </summary>
public sealed class ReportCache
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, JsonObject> _reports = new(StringComparer.Ordinal);

    /// <summary>The report stored under <paramref name="key"/>, produced by <paramref name="run"/> on first use.</summary>
    public async Task<JsonObject> GetAsync(string key, Func<Task<JsonObject>> run)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_reports.TryGetValue(key, out var report))
            {
                report = await run();
                _reports[key] = report;
            }

            return report;
        }
        finally
        {
            _gate.Release();
        }
    }
}
