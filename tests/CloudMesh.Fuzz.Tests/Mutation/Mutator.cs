using System.Text.Json.Nodes;
using CloudMesh.AppMesh.Model;
using CloudMesh.Fuzz.Tests.Generation;

namespace CloudMesh.Fuzz.Tests.Mutation;

/// <summary>
/// Turns a valid input into a broken request: one mutation of the body's structure, its text, a URI label or the
/// query. Every choice comes from the campaign's seeded <see cref="Random"/>.
/// </summary>
internal sealed class Mutator(Random random, ValidInputGenerator generator, string otherAccountId)
{
    /// <summary>The largest body the API accepts (AppMeshRequestHandler.MaxBodyBytes).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private const string Marker = "@@FUZZ-RAW@@";

    private static readonly (MutationKind, int)[] Weights =
    [
        (MutationKind.DropRequired, 10), (MutationKind.AddUnknown, 8), (MutationKind.WrongType, 12),
        (MutationKind.BoundaryNumber, 10), (MutationKind.HugeString, 2), (MutationKind.OddString, 10),
        (MutationKind.InvalidEscape, 5), (MutationKind.DeepNesting, 3), (MutationKind.DuplicateKey, 5),
        (MutationKind.Truncate, 6), (MutationKind.NonObjectBody, 5), (MutationKind.BadLabel, 10),
        (MutationKind.BadQuery, 10), (MutationKind.ForeignTenant, 4),
    ];

    public FuzzRequest Mutate(OperationModel operation, JsonObject input) =>
        Mutate(operation, input, random.Weighted(Weights));

    public FuzzRequest Mutate(OperationModel operation, JsonObject input, MutationKind kind)
    {
        var request = EncodedRequest.From(operation, input);
        var positions = JsonPosition.All(operation.Input, request.Body);
        return kind switch
        {
            MutationKind.DropRequired => DropRequired(request, input, positions),
            MutationKind.AddUnknown => AddUnknown(request, input, positions),
            MutationKind.WrongType => WrongType(request, input, positions),
            MutationKind.BoundaryNumber => Raw(request, input, positions, "boundary-number", IsNumeric, random.Pick(HostileValues.Numbers)),
            MutationKind.HugeString => HugeString(request, input, positions),
            MutationKind.OddString => OddString(request, input, positions),
            MutationKind.InvalidEscape => Raw(request, input, positions, "invalid-escape", IsName, random.Pick(HostileValues.RawStringLiterals)),
            MutationKind.DeepNesting => Raw(request, input, positions, "deep-nesting", _ => true, DeepNesting()),
            MutationKind.DuplicateKey => DuplicateKey(request, input, positions),
            MutationKind.Truncate => Truncate(request, input),
            MutationKind.NonObjectBody => request.Render("non-object-body", input, true, random.Pick(HostileValues.NonObjectBodies)),
            MutationKind.BadLabel => BadLabel(request, input),
            MutationKind.BadQuery => BadQuery(request, input),
            MutationKind.ForeignTenant => ForeignTenant(request, input),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static bool IsNumeric(JsonPosition p) => p.Shape.Type is ShapeType.Integer or ShapeType.Long or ShapeType.Double;

    private static bool IsName(JsonPosition p) => p.Shape.Type == ShapeType.String && p.Shape.Enum is null;

    private JsonPosition? Choose(List<JsonPosition> positions, Func<JsonPosition, bool> preferred)
    {
        var matching = positions.Where(preferred).ToList();
        if (matching.Count > 0 && random.Chance(0.85))
        {
            return random.Pick(matching);
        }

        return positions.Count > 0 ? random.Pick(positions) : null;
    }

    private FuzzRequest DropRequired(EncodedRequest request, JsonObject input, List<JsonPosition> positions)
    {
        var required = positions.Where(p => p.Member?.IsRequired == true).ToList();
        var located = request.Operation.Input.Members.Where(m => m.IsRequired && m.Location is not null).ToList();
        if (required.Count > 0 && (located.Count == 0 || random.Chance(0.7)))
        {
            var victim = random.Pick(required);
            ((JsonObject)victim.Container).Remove(victim.Key!);
            return request.Render($"drop-required:{victim.Path}", input, true);
        }

        if (located.Count == 0)
        {
            return AddUnknown(request, input, positions);
        }

        var member = random.Pick(located);
        if (member.Location == "uri")
        {
            request.Labels[member.LocationName] = "";
        }
        else
        {
            request.Query.RemoveAll(q => q.Key == member.LocationName);
        }

        return request.Render($"drop-required:{member.Location}:{member.Name}", input, false);
    }

    private FuzzRequest AddUnknown(EncodedRequest request, JsonObject input, List<JsonPosition> positions)
    {
        var objects = positions.Where(p => p.Value is JsonObject && p.Shape.Type == ShapeType.Structure).ToList();
        var target = objects.Count > 0 && random.Chance(0.6) ? (JsonObject)random.Pick(objects).Value! : request.Body;
        var name = random.Pick(HostileValues.UnknownMembers);
        target[name] = random.Chance(0.5) ? JsonValue.Create(random.Next()) : new JsonObject { ["x"] = "y" };
        return request.Render($"add-unknown:{name}", input, true);
    }

    private FuzzRequest WrongType(EncodedRequest request, JsonObject input, List<JsonPosition> positions)
    {
        JsonNode?[] replacements = ["x", 1, 1.5, true, new JsonObject(), new JsonArray(), null, "1", "true", new JsonArray(new JsonObject())];
        var position = Choose(positions, _ => true);
        var replacement = random.Pick(replacements)?.DeepClone();
        if (position is null)
        {
            request.Body["spec"] = replacement;
            return request.Render("wrong-type:spec", input, true);
        }

        position.Set(replacement);
        return request.Render($"wrong-type:{position.Path}={replacement?.ToJsonString() ?? "null"}", input, true);
    }

    /// <summary>Plants raw JSON text (which a JsonNode could not hold) at a chosen position, or as an unknown member.</summary>
    private FuzzRequest Raw(EncodedRequest request, JsonObject input, List<JsonPosition> positions, string name, Func<JsonPosition, bool> preferred, string raw)
    {
        var position = Choose(positions, preferred);
        string path;
        if (position is null)
        {
            request.Body["spec"] = Marker;
            path = "spec";
        }
        else
        {
            position.Set(Marker);
            path = position.Path;
        }

        var text = request.Body.ToJsonString().Replace($"\"{Marker}\"", raw, StringComparison.Ordinal);
        var shown = raw.Length > 40 ? $"{raw[..40]}…({raw.Length})" : raw;
        return request.Render($"{name}:{path}={shown}", input, true, text);
    }

    private string DeepNesting()
    {
        var depth = random.Pick([65, 200, 1000, 100_000]);
        return random.Chance(0.5)
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
    }

    private FuzzRequest HugeString(EncodedRequest request, JsonObject input, List<JsonPosition> positions)
    {
        var position = Choose(positions, p => p.Shape.Type == ShapeType.String);
        string path;
        if (position is null)
        {
            request.Body["spec"] = Marker;
            path = "spec";
        }
        else
        {
            position.Set(Marker);
            path = position.Path;
        }

        var text = request.Body.ToJsonString();
        // The body is all ASCII (JsonNode escapes the rest), so characters are bytes.
        var baseLength = text.Length - Marker.Length;
        var size = random.Pick([257, 70_000, MaxBodyBytes - baseLength, MaxBodyBytes - baseLength + 1]);
        var body = text.Replace(Marker, new string('x', Math.Max(size, 1)), StringComparison.Ordinal);
        return request.Render($"huge-string:{path}={size} (body {body.Length} bytes)", input, true, body);
    }

    private FuzzRequest OddString(EncodedRequest request, JsonObject input, List<JsonPosition> positions)
    {
        var value = random.Pick(HostileValues.Strings);
        var position = Choose(positions, IsName);
        if (position is null)
        {
            request.Body["spec"] = value;
            return request.Render("odd-string:spec", input, true);
        }

        position.Set(value);
        return request.Render($"odd-string:{position.Path}={Shown(value)}", input, true);
    }

    private FuzzRequest DuplicateKey(EncodedRequest request, JsonObject input, List<JsonPosition> positions)
    {
        var objects = positions.Where(p => p.Value is JsonObject { Count: > 0 }).Select(p => (JsonObject)p.Value!).ToList();
        var target = objects.Count > 0 && random.Chance(0.5) ? random.Pick(objects) : request.Body;
        var (key, value) = target.Count > 0 ? target.ElementAt(random.Next(target.Count)) : new("spec", new JsonObject());
        var first = value?.ToJsonString() ?? "null";
        var second = random.Chance(0.5) ? first : generator.Value(ShapeOf(request, key), key, 4).ToJsonString();
        target.Remove(key);
        target[Marker] = Marker;
        var keyJson = JsonValue.Create(key).ToJsonString();
        var text = request.Body.ToJsonString()
            .Replace($"\"{Marker}\":\"{Marker}\"", $"{keyJson}:{first},{keyJson}:{second}", StringComparison.Ordinal);
        return request.Render($"duplicate-key:{key}", input, true, text);
    }

    private static ShapeModel ShapeOf(EncodedRequest request, string key) =>
        request.Operation.Input.TryGetMember(key, out var member) ? member.Shape : ServiceModel.AppMesh.GetShape("String");

    private FuzzRequest Truncate(EncodedRequest request, JsonObject input)
    {
        var text = request.Body.ToJsonString();
        var cut = text.Length <= 1 ? 0 : random.Next(1, text.Length);
        return request.Render($"truncate:{cut}/{text.Length}", input, true, text[..cut]);
    }

    private FuzzRequest BadLabel(EncodedRequest request, JsonObject input)
    {
        var labels = request.Operation.Input.Members.Where(m => m.Location == "uri").ToList();
        if (labels.Count == 0)
        {
            return BadQuery(request, input);
        }

        var label = random.Pick(labels);
        var value = random.Pick(HostileValues.Labels);
        request.Labels[label.LocationName] = value;
        return request.Render($"bad-label:{label.Name}={Shown(value)}", input, false);
    }

    private FuzzRequest BadQuery(EncodedRequest request, JsonObject input)
    {
        var members = request.Operation.Input.Members.Where(m => m.Location == "querystring").Select(m => m.LocationName).ToList();
        var name = members.Count > 0 && random.Chance(0.8) ? random.Pick(members) : random.Pick(HostileValues.QueryValues.Keys.ToList());
        var values = HostileValues.QueryValues.TryGetValue(name, out var specific) ? specific : HostileValues.AnyQueryValues;
        var value = random.Pick(values);
        var mode = random.Next(3);
        if (mode == 0)
        {
            request.Query.RemoveAll(q => q.Key == name);
        }

        // Mode 1 appends a repeat (the first occurrence wins); mode 2 puts the bad value first.
        var pair = KeyValuePair.Create(name, value);
        if (mode == 2)
        {
            request.Query.Insert(0, pair);
        }
        else
        {
            request.Query.Add(pair);
        }

        return request.Render($"bad-query:{name}={Shown(value)} (mode {mode})", input, false);
    }

    private FuzzRequest ForeignTenant(EncodedRequest request, JsonObject input)
    {
        var members = request.Operation.Input.Members.Where(m => m.Location == "querystring").Select(m => m.Name).ToList();
        if (members.Contains("resourceArn"))
        {
            var arn = Uri.EscapeDataString(random.Pick(new GenerationContext(otherAccountId).Arns));
            request.Query.RemoveAll(q => q.Key == "resourceArn");
            request.Query.Add(KeyValuePair.Create("resourceArn", arn));
            return request.Render($"foreign-tenant:resourceArn={Uri.UnescapeDataString(arn)}", input, false);
        }

        if (members.Contains("meshOwner"))
        {
            request.Query.RemoveAll(q => q.Key == "meshOwner");
            request.Query.Add(KeyValuePair.Create("meshOwner", otherAccountId));
            return request.Render("foreign-tenant:meshOwner", input, false);
        }

        return BadLabel(request, input);
    }

    private static string Shown(string value)
    {
        var escaped = JsonValue.Create(value).ToJsonString();
        return escaped.Length > 48 ? $"{escaped[..48]}…({value.Length})" : escaped;
    }
}
