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

    /// <summary>A value not known until the deployment runs (previews), as the engine marshals an unknown string.</summary>
    public const string Unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    /// <summary>The engine's unknown number (sdk/go/common/resource/plugin/rpc.go, UnknownNumberValue).</summary>
    public const string UnknownNumber = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";

    /// <summary>The engine's unknown array (UnknownArrayValue).</summary>
    public const string UnknownArray = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";

    /// <summary>The engine's unknown object (UnknownObjectValue).</summary>
    public const string UnknownObject = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";
}
