using System.Text.Json.Nodes;

namespace CloudMesh.Fuzz.Tests.Oracle;

/// <summary>What the database must hold for one resource: the last successful spec and the version it implies.</summary>
internal sealed record ExpectedResource(JsonObject Spec, long Version, string Uid);
