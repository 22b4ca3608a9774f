using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.AppMesh.Model;
using CloudMesh.Pulumi.Provider.Configuration;
using CloudMesh.Pulumi.Provider.Resources;

namespace CloudMesh.Pulumi.Provider.Schema;

/// <summary>
/// The Pulumi package schema of <c>cloudmesh</c> (what GetSchema serves and iac/schema.json holds): configuration,
/// provider, the seven resources, their get functions and every App Mesh type the specs reach, from the service model.
/// </summary>
internal static class PackageSchema
{
    private static readonly Lazy<string> Cached = new(() => Build(ServiceModel.AppMesh).ToJsonString(new JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }) + "\n");

    /// <summary>The schema as indented JSON text with a final newline (the exact bytes of iac/schema.json).</summary>
    public static string Text => Cached.Value;

    /// <summary>Builds the schema from <paramref name="model"/>.</summary>
    public static JsonObject Build(ServiceModel model)
    {
        var types = new SchemaTypes(model);
        var resources = new JsonObject();
        var functions = new JsonObject();
        foreach (var kind in ResourceKinds.All)
        {
            resources[ResourceTypes.Token(kind)] = Resource(kind, types);
            functions[ResourceTypes.FunctionToken(kind)] = Function(kind, types);
        }

        return new JsonObject
        {
            ["name"] = ResourceTypes.Package,
            ["displayName"] = "CloudMesh",
            ["version"] = ResourceTypes.Version,
            ["description"] = "Manage CloudMesh service meshes (the AWS App Mesh 2019-01-25 API, self-hosted) with Pulumi.",
            ["keywords"] = new JsonArray("pulumi", "cloudmesh", "appmesh", "service-mesh", "category/network", "kind/native"),
            ["license"] = "Apache-2.0",
            ["config"] = new JsonObject { ["variables"] = ConfigVariables() },
            ["provider"] = new JsonObject
            {
                ["description"] = "The provider type for the cloudmesh package: one CloudMesh API endpoint and tenant.",
                ["inputProperties"] = ConfigVariables(),
            },
            ["resources"] = resources,
            ["functions"] = functions,
            ["types"] = types.ToJson(),
            ["language"] = new JsonObject
            {
                ["nodejs"] = new JsonObject { ["packageName"] = "@cloudmesh/pulumi" },
            },
        };
    }

    private static JsonObject ConfigVariables()
    {
        var descriptions = new Dictionary<string, string>
        {
            ["endpoint"] = "The CloudMesh API's base URL, e.g. http://localhost:8080.",
            ["region"] = "The region CloudMesh signs requests for (SigV4). Default: us-east-1.",
            ["accessKey"] = "The tenant's access key id.",
            ["secretKey"] = "The tenant's secret access key.",
            ["profile"] = "The shared-credentials profile to use when no keys are given.",
        };
        var variables = new JsonObject();
        foreach (var (key, environment) in ProviderConfig.EnvironmentFallbacks)
        {
            var variable = new JsonObject
            {
                ["type"] = "string",
                ["description"] = descriptions[key],
                ["defaultInfo"] = new JsonObject { ["environment"] = new JsonArray([.. environment.Select(e => (JsonNode)e)]) },
            };
            if (key == "region")
            {
                variable["default"] = ProviderConfig.DefaultRegion;
            }

            if (key == "secretKey")
            {
                variable["secret"] = true;
            }

            variables[key] = variable;
        }

        return variables;
    }

    private static JsonObject Resource(ResourceKind kind, SchemaTypes types)
    {
        var inputs = InputProperties(kind, types, forFunction: false);
        var properties = InputProperties(kind, types, forFunction: false);
        foreach (var (name, property) in OutputOnlyProperties())
        {
            properties[name] = property;
        }

        return new JsonObject
        {
            ["description"] = $"An App Mesh {Words(kind)}. Changing its name{(kind.IsMesh ? "" : ", mesh, mesh owner")}{(kind.Parent is { } p ? $" or {Words(p)}" : "")} replaces it; spec and tags update in place.",
            ["inputProperties"] = inputs,
            ["requiredInputs"] = Names(RequiredInputs(kind)),
            ["properties"] = properties,
            ["required"] = Names([.. RequiredInputs(kind).Append("name").Append("spec").Distinct().Order(StringComparer.Ordinal), .. OutputOnlyProperties().Select(p => p.Key)]),
        };
    }

    private static JsonObject Function(ResourceKind kind, SchemaTypes types)
    {
        var inputs = new JsonObject { ["name"] = new JsonObject { ["type"] = "string", ["description"] = $"The {Words(kind)}'s name." } };
        List<string> required = ["name"];
        if (!kind.IsMesh)
        {
            inputs["meshName"] = new JsonObject { ["type"] = "string", ["description"] = "The mesh's name." };
            inputs["meshOwner"] = new JsonObject { ["type"] = "string", ["description"] = "The account that owns the mesh, when it is shared." };
            required.Add("meshName");
        }

        if (kind.Parent is { } parent)
        {
            inputs[parent.NameMember] = new JsonObject { ["type"] = "string", ["description"] = $"The {Words(parent)}'s name." };
            required.Add(parent.NameMember);
        }

        var outputs = InputProperties(kind, types, forFunction: true);
        foreach (var (name, property) in OutputOnlyProperties())
        {
            outputs[name] = property;
        }

        return new JsonObject
        {
            ["description"] = $"Reads an existing App Mesh {Words(kind)}.",
            ["inputs"] = new JsonObject { ["properties"] = inputs, ["required"] = Names(required) },
            ["outputs"] = new JsonObject
            {
                ["properties"] = outputs,
                ["required"] = Names([.. outputs.Select(p => p.Key).Where(p => p != "tags")]),
            },
        };
    }

    private static JsonObject InputProperties(ResourceKind kind, SchemaTypes types, bool forFunction)
    {
        var replaces = !forFunction;
        var properties = new JsonObject
        {
            ["name"] = Property("string", $"The {Words(kind)}'s name. Default: the Pulumi resource name, a dash and 7 random hex characters.", replaces),
        };
        if (!kind.IsMesh)
        {
            properties["meshName"] = Property("string", "The name of the mesh the resource belongs to.", replaces);
            properties["meshOwner"] = Property("string", "The account that owns the mesh, when it is shared with this one. Default: the caller's account.", replaces);
        }

        if (kind.Parent is { } parent)
        {
            properties[parent.NameMember] = Property("string", $"The name of the {Words(parent)} the resource belongs to.", replaces);
        }

        var spec = types.Reference(kind.SpecShape);
        spec["description"] = $"The {Words(kind)}'s specification, exactly as the App Mesh API's {kind.SpecShape}.";
        properties["spec"] = spec;
        properties["tags"] = new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = new JsonObject { ["type"] = "string" },
            ["description"] = "Tags, key to value.",
        };
        return properties;
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> OutputOnlyProperties()
    {
        yield return new("arn", Property("string", "The resource's ARN (also its Pulumi id).", false));
        yield return new("uid", Property("string", "The resource's unique id.", false));
        yield return new("version", Property("integer", "The resource's version, incremented by every update.", false));
        yield return new("createdAt", Property("string", "When the resource was created (RFC 3339, UTC).", false));
        yield return new("lastUpdatedAt", Property("string", "When the resource was last updated (RFC 3339, UTC).", false));
        yield return new("meshOwner", Property("string", "The account that owns the mesh.", false));
        yield return new("resourceOwner", Property("string", "The account that owns the resource.", false));
        yield return new("status", Property("string", "The resource's status, e.g. ACTIVE.", false));
    }

    private static List<string> RequiredInputs(ResourceKind kind) => kind switch
    {
        { IsMesh: true } => [],
        { Parent: { } parent } => ["meshName", "spec", parent.NameMember],
        _ => ["meshName", "spec"],
    };

    private static JsonObject Property(string type, string description, bool replaces)
    {
        var property = new JsonObject { ["type"] = type, ["description"] = description };
        if (replaces)
        {
            property["willReplaceOnChanges"] = true;
        }

        return property;
    }

    private static JsonArray Names(IEnumerable<string> names) => new([.. names.Select(n => (JsonNode)n)]);

    private static string Words(ResourceKind kind) =>
        string.Concat(kind.Name.Select(c => char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
