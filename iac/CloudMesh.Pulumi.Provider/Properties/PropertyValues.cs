using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.Pulumi.Provider.Properties;

/// <summary>
/// Converts Pulumi's property values (a <see cref="Struct"/> with the engine's special encodings) to and from JSON, the
/// form the App Mesh API and its validator speak. Secrets are unwrapped wherever they still arrive wrapped (provider
/// configuration; resource inputs come plain because Configure declines secrets, and the engine re-marks the outputs
/// of secret inputs); unknown values (previews), whatever their type's sentinel, become Pulumi's unknown string so
/// checks and diffs can recognise them.
/// </summary>
internal static class PropertyValues
{
    /// <summary>The key that marks an object as a special Pulumi value.</summary>
    public const string SignatureKey = "4dabf18193072939515e22adb298388d";

    /// <summary>The signature of a secret: <c>{sig: secret, value: ...}</c>.</summary>
    public const string SecretSignature = "1b47061264138c4ac30d75fd1eb44270";

    /// <summary>The signature of an output value: <c>{sig: output, value?, secret?, dependencies?}</c>.</summary>
    public const string OutputValueSignature = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

    /// <summary>
    /// The string that stands for a value not known until the deployment runs (Pulumi's unknown <em>string</em>). Every
    /// typed unknown the engine may send is read as this one, and previews answer with it.
    /// </summary>
    public const string UnknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    /// <summary>
    /// The engine marshals an unknown by the type of its placeholder (sdk/go/common/resource/plugin/rpc.go,
    /// marshalUnknownProperty): bool, number, string, array, asset, archive and object each have a sentinel.
    /// </summary>
    public static readonly IReadOnlySet<string> UnknownSentinels = new HashSet<string>(StringComparer.Ordinal)
    {
        "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // bool
        "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
        UnknownValue, // string
        "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
        "030794c1-ac77-496b-92df-f27374a8bd58", // asset
        "e48ece36-62e2-4504-bad9-02848725956a", // archive
        "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
    };

    /// <summary>The struct as a JSON object (an absent struct is an empty object).</summary>
    public static JsonObject ToJson(Struct? properties)
    {
        var json = new JsonObject();
        if (properties is null)
        {
            return json;
        }

        foreach (var (key, value) in properties.Fields)
        {
            json[key] = ToJson(value);
        }

        return json;
    }

    /// <summary>One value as JSON; integral numbers become integers, as the App Mesh model expects.</summary>
    public static JsonNode? ToJson(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.NullValue or Value.KindOneofCase.None => null,
        Value.KindOneofCase.BoolValue => JsonValue.Create(value.BoolValue),
        Value.KindOneofCase.StringValue => JsonValue.Create(UnknownSentinels.Contains(value.StringValue) ? UnknownValue : value.StringValue),
        Value.KindOneofCase.NumberValue => Number(value.NumberValue),
        Value.KindOneofCase.ListValue => new JsonArray([.. value.ListValue.Values.Select(ToJson)]),
        Value.KindOneofCase.StructValue => Special(value.StructValue) ?? ToJson(value.StructValue),
        _ => null,
    };

    /// <summary>The JSON object as a struct.</summary>
    public static Struct ToStruct(JsonObject json)
    {
        var result = new Struct();
        foreach (var (key, value) in json)
        {
            result.Fields[key] = ToValue(value);
        }

        return result;
    }

    /// <summary>One JSON value as a protobuf value.</summary>
    public static Value ToValue(JsonNode? node) => node switch
    {
        null => Value.ForNull(),
        JsonObject o => Value.ForStruct(ToStruct(o)),
        JsonArray a => Value.ForList([.. a.Select(ToValue)]),
        JsonValue v when v.TryGetValue<bool>(out var b) => Value.ForBool(b),
        JsonValue v when v.TryGetValue<string>(out var s) => Value.ForString(s),
        // Numbers may be backed by long, int, decimal or a JsonElement: their JSON text is the one common form.
        _ => Value.ForNumber(double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
    };

    /// <summary>True when the value is Pulumi's unknown sentinel.</summary>
    public static bool IsUnknown(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s == UnknownValue;

    /// <summary>True when the value or anything inside it is unknown.</summary>
    public static bool ContainsUnknown(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(p => ContainsUnknown(p.Value)),
        JsonArray a => a.Any(ContainsUnknown),
        _ => IsUnknown(node),
    };

    /// <summary>True for an absent value and an empty object: the same <c>spec</c> or <c>tags</c> to the API.</summary>
    public static bool IsEmptyOrAbsent(JsonNode? node) => node is null or JsonObject { Count: 0 };

    private static JsonNode Number(double number) =>
        number == Math.Floor(number) && Math.Abs(number) < 9e15 ? JsonValue.Create((long)number) : JsonValue.Create(number);

    /// <summary>Secrets and output values unwrap to their value (an output without one is unknown); other objects are plain.</summary>
    private static JsonNode? Special(Struct value)
    {
        if (!value.Fields.TryGetValue(SignatureKey, out var signature) || signature.KindCase != Value.KindOneofCase.StringValue)
        {
            return null;
        }

        return signature.StringValue switch
        {
            SecretSignature or OutputValueSignature when value.Fields.TryGetValue("value", out var inner) => ToJson(inner),
            OutputValueSignature => JsonValue.Create(UnknownValue),
            _ => null,
        };
    }
}
