using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Google.Protobuf.Reflection;

namespace CloudMesh.Xds;

/// <summary>
/// Every message type generated from the vendored protos, with their dependencies: what a JSON formatter needs to
/// expand <c>Any</c> payloads nested anywhere (filters' typed_config), so no payload is ever unknown. Shared by the
/// compiler's golden files, the control plane's and the proxy's config dumps.
/// </summary>
public static class XdsTypeRegistry
{
    /// <summary>The registry (built once, thread-safe).</summary>
    public static TypeRegistry Instance { get; } = Build();

    // Trimming (the proxy's Native AOT publish) would drop the "*Reflection" classes this finds; every app that
    // trims roots this assembly (TrimmerRootAssembly in CloudMesh.Proxy.csproj), so all of them are there to find.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Apps that trim root this assembly.")]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Apps that trim root this assembly.")]
    private static TypeRegistry Build()
    {
        // A hand-kept list goes stale the day an emitter packs a new extension into an Any, and formatting then
        // throws. Every generated "*Reflection" class exposes its file's descriptor; dependencies come with it.
        IEnumerable<FileDescriptor> files = typeof(XdsTypeRegistry).Assembly.GetTypes()
            .Where(t => t.IsClass && t.IsAbstract && t.IsSealed && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>();
        return TypeRegistry.FromFiles(files);
    }
}
