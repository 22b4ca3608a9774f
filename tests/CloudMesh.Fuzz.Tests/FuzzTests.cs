using CloudMesh.Fuzz.Tests.Campaign;
using CloudMesh.TestSupport.ApiServer;
using Xunit.Abstractions;

namespace CloudMesh.Fuzz.Tests;

/// <summary>
/// The fuzz run: thousands of valid and mutated requests against the real server, then a check of the database.
/// A failure prints the seed; set <c>CLOUDMESH_FUZZ_SEED</c> to replay it.
/// </summary>
public sealed class FuzzTests(CloudMeshApiFixture api, ITestOutputHelper output) : IClassFixture<CloudMeshApiFixture>
{
    [Fact]
    public async Task Mutated_requests_never_fail_the_server_write_partially_or_cross_tenants()
    {
        var settings = FuzzSettings.FromEnvironment();
        output.WriteLine($"seed {settings.Seed}, iterations {settings.Iterations}");

        var outcome = await new FuzzCampaign(api, settings).RunAsync();

        var report = outcome.Report();
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "fuzz-report.txt"), report);
        Assert.True(outcome.Failures.Count == 0, report);
        // A run that never got past validation would prove nothing about writes.
        Assert.True(outcome.Tally.ByStatus.Keys.Count(k => k.StartsWith("200", StringComparison.Ordinal)) > 0 && outcome.FinalResources > 0, report);
    }
}
