using System.Text.Json.Nodes;
using CloudMesh.AppMesh.Model;

namespace CloudMesh.Fuzz.Tests.Generation;

/// <summary>
/// Builds inputs the model accepts for any operation: required members always, optional ones at random, one member
/// per union, enum values, lengths and ranges inside their limits, and names from <see cref="NamePools"/>. It also
/// follows the few App Mesh rules the model cannot express (a route has exactly one route type; an HTTP match has a
/// prefix starting with '/'), so that valid requests usually succeed and build real state.
/// </summary>
internal sealed class ValidInputGenerator(Random random, GenerationContext context)
{
    private const int OptionalDepth = 6;
    private const int MaxStringLength = 16;
    private const int MaxExtraItems = 2;

    // Route and gateway route specs are unions in everything but the model's name for them.
    private static readonly Dictionary<string, string[]> ImplicitUnions = new(StringComparer.Ordinal)
    {
        ["RouteSpec"] = ["httpRoute", "http2Route", "grpcRoute", "tcpRoute"],
        ["GatewayRouteSpec"] = ["httpRoute", "http2Route", "grpcRoute"],
    };

    private static readonly HashSet<string> HttpMatches = new(StringComparer.Ordinal) { "HttpRouteMatch", "HttpGatewayRouteMatch" };

    /// <summary>A whole valid input for <paramref name="operation"/>, URI, query and body members in one object.</summary>
    public JsonObject Generate(OperationModel operation)
    {
        var input = new JsonObject();
        foreach (var member in operation.Input.Members.Where(m => m.Location == "uri"))
        {
            input[member.Name] = member.Name == "meshName" ? random.Pick(NamePools.Meshes) : random.Pick(NamePools.Resources);
        }

        foreach (var member in operation.Input.Members.Where(m => m.Location != "uri"))
        {
            if (QueryValue(operation, member, input) is { } query)
            {
                input[member.Name] = query;
            }
            else if (member.Location is null && (member.IsRequired || random.Chance(0.6)))
            {
                input[member.Name] = member.IdempotencyToken ? context.NewClientToken() : Value(member.Shape, member.Name, 1);
            }
        }

        return input;
    }

    /// <summary>A valid value of <paramref name="shape"/> (for tests of the generator and for mutations that need one).</summary>
    public JsonNode Value(ShapeModel shape, string memberName, int depth)
    {
        switch (shape.Type)
        {
            case ShapeType.Structure:
                return Structure(shape, depth);
            case ShapeType.List:
                var array = new JsonArray();
                for (var i = Count(shape, depth); i > 0; i--)
                {
                    array.Add(Value(shape.ListMember!.Shape, memberName, depth + 1));
                }

                return array;
            case ShapeType.Map:
                var map = new JsonObject();
                for (var i = Count(shape, depth); i > 0; i--)
                {
                    map[$"k{i}{random.Alphanumeric(3)}"] = Value(shape.MapValue!, memberName, depth + 1);
                }

                return map;
            case ShapeType.String:
                return JsonValue.Create(Text(shape, memberName));
            case ShapeType.Integer or ShapeType.Long:
                var low = shape.Min ?? 0;
                var high = Math.Min(shape.Max ?? low + 1000, low + 100_000);
                return JsonValue.Create(random.NextInt64(low, high + 1));
            case ShapeType.Double:
                var min = (double)(shape.Min ?? 0);
                var max = (double)(shape.Max ?? (long)min + 100);
                return JsonValue.Create(Math.Round(min + (random.NextDouble() * (max - min)), 3));
            case ShapeType.Boolean:
                return JsonValue.Create(random.Chance(0.5));
            case ShapeType.Timestamp:
                return JsonValue.Create(1_700_000_000 + random.Next(10_000_000));
            case ShapeType.Blob:
                return JsonValue.Create(Convert.ToBase64String(BitConverter.GetBytes(random.NextInt64())));
            default:
                throw new InvalidOperationException($"unhandled shape type {shape.Type}");
        }
    }

    private JsonNode? QueryValue(OperationModel operation, MemberModel member, JsonObject input)
    {
        if (member.Location != "querystring")
        {
            return null;
        }

        switch (member.Name)
        {
            case "resourceArn":
                return random.Pick(context.Arns);
            case "limit" when random.Chance(0.5):
                return JsonValue.Create(random.Next((int)(member.Shape.Min ?? 1), (int)(member.Shape.Max ?? 100) + 1));
            case "nextToken" when random.Chance(0.3):
                var token = context.NextTokenFor(operation.Name, ContainerOf(input));
                return token is null ? null : JsonValue.Create(token);
            case "meshOwner" when random.Chance(0.1):
                return JsonValue.Create(context.AccountId);
            default:
                return null;
        }
    }

    /// <summary>The listing a List input names: its mesh and parent (for next-token bookkeeping).</summary>
    public static string ContainerOf(JsonObject input) =>
        $"{input["meshName"]?.ToString()}|{input["virtualRouterName"]?.ToString()}{input["virtualGatewayName"]?.ToString()}|{input["resourceArn"]?.ToString()}";

    private JsonObject Structure(ShapeModel shape, int depth)
    {
        var obj = new JsonObject();
        string[]? oneOf = shape.IsUnion ? shape.Members.Select(m => m.Name).ToArray() : ImplicitUnions.GetValueOrDefault(shape.Name);
        var chosen = oneOf is null ? null : random.Pick(oneOf);
        foreach (var member in shape.Members)
        {
            var include = oneOf is not null && oneOf.Contains(member.Name)
                ? member.Name == chosen
                : member.IsRequired || (depth < OptionalDepth && random.Chance(0.4));
            if (include)
            {
                obj[member.Name] = Value(member.Shape, member.Name, depth + 1);
            }
        }

        if (HttpMatches.Contains(shape.Name))
        {
            obj["prefix"] = "/" + random.Alphanumeric(random.Next(0, 6));
        }

        return obj;
    }

    private int Count(ShapeModel shape, int depth)
    {
        var min = (int)(shape.Min ?? 0);
        if (depth >= OptionalDepth)
        {
            return min;
        }

        var max = (int)Math.Min(shape.Max ?? min + MaxExtraItems, min + MaxExtraItems);
        return random.Next(min, max + 1);
    }

    private string Text(ShapeModel shape, string memberName)
    {
        if (shape.Enum is { Count: > 0 } values)
        {
            return random.Pick(values);
        }

        if (memberName == "meshName")
        {
            return random.Pick(NamePools.Meshes);
        }

        if (shape.Name is "ResourceName" or "ServiceName")
        {
            return random.Pick(NamePools.Resources);
        }

        var min = (int)(shape.Min ?? 0);
        var max = (int)Math.Min(shape.Max ?? MaxStringLength, Math.Max(min, MaxStringLength));
        // Alphanumerics satisfy the model's only string patterns (Cloud Map attribute keys and values).
        return random.Alphanumeric(random.Next(Math.Max(min, 1), Math.Max(max, 1) + 1));
    }
}
