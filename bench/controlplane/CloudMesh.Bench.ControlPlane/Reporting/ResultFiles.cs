using System.Text.Json;

namespace CloudMesh.Bench.ControlPlane.Reporting;

/// <summary>Reads and writes the raw JSON results (camelCase, indented: they are checked in next to the table).</summary>
internal static class ResultFiles
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/>.</summary>
    public static Task WriteAsync<T>(string path, T result) => File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, Options) + "\n");

    /// <summary>Reads a result; null when the file does not exist (that part was not run).</summary>
    public static T? Read<T>(string path) where T : class =>
        File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options) : null;

    /// <summary>Serializes to a string (tests).</summary>
    public static string Serialize<T>(T result) => JsonSerializer.Serialize(result, Options);

    /// <summary>Deserializes from a string (tests).</summary>
    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}
