using System.Text.Json.Nodes;

namespace CloudMesh.Fuzz.Tests.Oracle;

/// <summary>One row of the <c>resources</c> table, as the fuzzer reads it back.</summary>
internal sealed record StoredRow(StoredKey Key, JsonObject Spec, string Tags, string[] Refs, long Version, string Uid, string UpdatedAt)
{
    /// <summary>Everything about the row, for proving it did not change.</summary>
    public string Fingerprint => $"{Key}|{Spec.ToJsonString()}|{Tags}|{string.Join(",", Refs)}|{Version}|{Uid}|{UpdatedAt}";
}
