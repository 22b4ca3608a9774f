using System.Text.Json.Serialization;

namespace CloudMesh.ControlPlane.Postgres;

/// <summary>Source-generated JSON for the registry's attribute maps (no reflection on the hot path).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
