using System.Globalization;
using System.Text.Json;
using Xunit;

namespace CloudMesh.EndToEnd.Tests.Support;

/// <summary>Checks a proxy's <c>/memory</c> (Envoy's envoy.admin.v3.Memory shape, plus the .NET GC's figures).</summary>
internal static class MemoryReportAssert
{
    /// <summary>Reads <c>/memory</c> from <paramref name="admin"/> and checks its shape and that its figures are live.</summary>
    public static async Task WellFormedAsync(HttpClient admin)
    {
        using var memory = JsonDocument.Parse(await admin.GetStringAsync("memory"));
        var root = memory.RootElement;
        foreach (var field in new[] { "allocated", "heap_size", "pageheap_unmapped", "pageheap_free", "total_thread_cache", "total_physical_bytes" })
        {
            // proto3 JSON renders uint64 as a string, as Envoy does.
            Assert.Equal(JsonValueKind.String, root.GetProperty(field).ValueKind);
            Assert.True(ulong.TryParse(root.GetProperty(field).GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out _), field);
        }

        Assert.True(long.Parse(root.GetProperty("allocated").GetString()!, CultureInfo.InvariantCulture) > 0);
        Assert.True(long.Parse(root.GetProperty("total_physical_bytes").GetString()!, CultureInfo.InvariantCulture) > 1_000_000);
        var gc = root.GetProperty("gc");
        Assert.True(gc.GetProperty("total_allocated_bytes").GetInt64() > 0);
        Assert.Equal(new[] { "gen0", "gen1", "gen2", "loh", "poh" },
            gc.GetProperty("generations").EnumerateArray().Select(g => g.GetProperty("name").GetString() ?? "").ToArray());
    }
}
