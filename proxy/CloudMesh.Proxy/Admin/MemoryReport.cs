using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CloudMesh.Proxy.Admin;

/// <summary>
/// Envoy's <c>/memory</c> admin endpoint (envoy.admin.v3.Memory) read off the .NET runtime instead of tcmalloc, so the
/// tools that watch a sidecar's footprint keep working; a <c>gc</c> object adds what only .NET has (per generation
/// sizes, committed and fragmented bytes, collections), which is what tells heap from code and runtime in an RSS.
/// </summary>
internal static class MemoryReport
{
    /// <summary>Writes the report. Envoy renders its uint64 fields as JSON strings (proto3 JSON); so does this.</summary>
    public static void Write(Utf8JsonWriter json)
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        using var process = Process.GetCurrentProcess();
        json.WriteStartObject();
        json.WriteString("allocated", Text(GC.GetTotalMemory(forceFullCollection: false)));
        json.WriteString("heap_size", Text(info.TotalCommittedBytes));
        json.WriteString("pageheap_unmapped", "0");
        json.WriteString("pageheap_free", Text(info.FragmentedBytes));
        json.WriteString("total_thread_cache", "0");
        json.WriteString("total_physical_bytes", Text(process.WorkingSet64));
        json.WriteStartObject("gc");
        json.WriteNumber("heap_size_bytes", info.HeapSizeBytes);
        json.WriteNumber("committed_bytes", info.TotalCommittedBytes);
        json.WriteNumber("fragmented_bytes", info.FragmentedBytes);
        json.WriteNumber("total_allocated_bytes", GC.GetTotalAllocatedBytes(precise: false));
        json.WriteNumber("pinned_objects", info.PinnedObjectsCount);
        json.WriteStartArray("generations");
        for (int g = 0; g < info.GenerationInfo.Length; g++)
        {
            var generation = info.GenerationInfo[g];
            json.WriteStartObject();
            json.WriteString("name", g switch { 3 => "loh", 4 => "poh", _ => "gen" + g.ToString(CultureInfo.InvariantCulture) });
            json.WriteNumber("size_after_bytes", generation.SizeAfterBytes);
            json.WriteNumber("fragmentation_after_bytes", generation.FragmentationAfterBytes);
            json.WriteNumber("collections", g <= GC.MaxGeneration ? GC.CollectionCount(g) : 0);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
