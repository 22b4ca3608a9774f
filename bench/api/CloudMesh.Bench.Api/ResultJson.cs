using System.Text.Json;

namespace CloudMesh.Bench.Api;

/// <summary>How results are written and read: camelCase, indented.</summary>
internal static class ResultJson
{
    /// <summary>The serializer options for <see cref="Measurement.RunResult"/>.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
