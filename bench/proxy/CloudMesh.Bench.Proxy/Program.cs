using System.Globalization;
using System.Text.Json;
using CloudMesh.Bench.ControlPlane.Statistics;
using CloudMesh.Bench.Proxy;

// bench/proxy's fixed-rate generator:
//   CloudMesh.Bench.Proxy --url http://127.0.0.1:8080/ [--host name:port] [--rate 1000] [--connections 10]
//                         [--warmup 3] [--duration 20] --out result.json
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

string Get(string name, string? fallback = null) =>
    options.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required");
int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var url = new Uri(Get("url"));
var result = await FixedRateLoad.RunAsync(url, Get("host", url.Authority), Int("rate", 1000), Int("connections", 10),
    TimeSpan.FromSeconds(Int("warmup", 3)), TimeSpan.FromSeconds(Int("duration", 20)), CancellationToken.None);
var summary = LatencySummary.Of(result.LatenciesMs);
Array.Sort(result.LatenciesMs);
var report = new
{
    achievedRate = Math.Round(result.AchievedRate, 1),
    requests = summary.Count,
    p50 = summary.P50,
    p90 = summary.P90,
    p99 = summary.P99,
    p999 = result.LatenciesMs.Length == 0 ? 0 : Math.Round(LatencySummary.NearestRank(result.LatenciesMs, 0.999), 3),
    max = summary.Max,
    non200 = result.Non200,
    errors = result.Errors,
};
var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
File.WriteAllText(Get("out"), json);
Console.WriteLine(json);
return result.Non200 + result.Errors == 0 ? 0 : 1;
