using System.Text.Json.Nodes;

namespace CloudMesh.Pulumi.Tests.Support;

/// <summary>Pulumi's wire encodings of special values, as the engine sends them.</summary>
public static class Secrets
{
    /// <summary>A secret string: <c>{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": ...}</c>.</summary>
    public static JsonObject Secret(string value) => new()
    {
        ["4dabf18193072939515e22adb298388d"] = "1b47061264138c4ac30d75fd1eb44270",
        ["value"] = value,
    };

    /// <summary>A value not known until the deployment runs (previews).</summary>
    public const string Unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
}
