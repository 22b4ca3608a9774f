using CloudMesh.Conformance.Tests.Infrastructure;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Conformance.Tests;

/// <summary>Concurrent writers through boto3 (scripts/concurrency.py): no update is lost.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class Boto3ConcurrencyTests(CloudMeshApiFixture api)
{
    [Fact]
    public async Task Twenty_parallel_updates_all_succeed_with_versions_2_to_21_and_none_is_lost()
    {
        var report = await ExternalClients.RunScriptAsync("concurrency.py", api.Endpoint, [await api.CreateTenantAsync("concurrency")]);
        var updates = report.At("updates").AsArray();

        Assert.Equal(20, updates.Count);
        Assert.All(updates, u => Assert.True(u!["ok"]!.GetValue<bool>(), u.ToJsonString()));
        Assert.Equal(Enumerable.Range(2, 20).Select(v => (long)v), updates.Select(u => u!.Int("version")).Order());
        Assert.Equal(21, report.Int("finalVersion"));

        // The final state is the update that got version 21.
        Assert.Equal(updates.Single(u => u!.Int("version") == 21)!.Str("hostname"), report.Str("finalHostname"));
    }
}
