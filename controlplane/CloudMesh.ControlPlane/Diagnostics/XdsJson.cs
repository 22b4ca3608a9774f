using System.Reflection;
using Envoy.Config.Listener.V3;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.ControlPlane.Diagnostics;

/// <summary>
/// Formats xDS resources as proto3 JSON, including <see cref="Any"/> payloads nested anywhere (filters'
/// typed_config): the type registry holds every message generated from the vendored Envoy protos.
/// </summary>
internal static class XdsJson
{
    private static readonly Lazy<JsonFormatter> Formatter = new(() =>
        new JsonFormatter(JsonFormatter.Settings.Default.WithTypeRegistry(BuildRegistry()).WithIndentation(null)));

    public static string Format(Any resource) => Formatter.Value.Format(resource);

    private static TypeRegistry BuildRegistry()
    {
        // Every generated "*Reflection" class exposes its file's descriptor; dependencies are added with it.
        IEnumerable<FileDescriptor> files = typeof(Listener).Assembly.GetTypes()
            .Where(t => t.IsClass && t.IsAbstract && t.IsSealed && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>();
        return TypeRegistry.FromFiles(files);
    }
}
