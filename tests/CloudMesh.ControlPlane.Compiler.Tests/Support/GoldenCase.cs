using System.Text.Json;
using CloudMesh.ControlPlane.Model;
using CloudMesh.TestSupport;

namespace CloudMesh.ControlPlane.Compiler.Tests.Support;

/// <summary>
/// One golden case: <c>Golden/&lt;case&gt;/input.json</c> (a mesh in a readable form plus the proxy to
/// compile) and <c>Golden/&lt;case&gt;/expected.json</c> (the compiled configuration as proto3 JSON).
/// </summary>
/// <remarks>
/// input.json: <c>{"proxy": {"kind": "virtualNode"|"virtualGateway", "name"}, "mesh": {"name", "spec"},
/// "virtualNodes"|"virtualServices"|"virtualRouters"|"virtualGateways": {name: spec},
/// "routes"|"gatewayRoutes": {parent: {name: spec}}, "instances": [{"node", "id", "address", "port",
/// "healthy", "attributes"}]}</c>; specs are App Mesh wire JSON exactly as the API returns them.
/// </remarks>
public sealed record GoldenCase(string Name, string Directory)
{
    public const string AccountId = "111122223333";
    public const string Region = "us-east-1";

    public static string Root => RepoPaths.Combine("tests", "CloudMesh.ControlPlane.Compiler.Tests", "Golden");

    public string InputPath => Path.Combine(Directory, "input.json");

    public string ExpectedPath => Path.Combine(Directory, "expected.json");

    public static IReadOnlyList<GoldenCase> All() =>
        System.IO.Directory.GetDirectories(Root)
            .Order(StringComparer.Ordinal)
            .Select(d => new GoldenCase(Path.GetFileName(d), d))
            .ToList();

    public static GoldenCase Named(string name) => new(name, Path.Combine(Root, name));

    /// <summary>Reads the input; <paramref name="reversed"/> hands every list to the compiler in reverse order.</summary>
    public (MeshSnapshot Snapshot, ProxyIdentity Proxy) Load(bool reversed = false) => Parse(File.ReadAllText(InputPath), reversed);

    public static (MeshSnapshot Snapshot, ProxyIdentity Proxy) Parse(string json, bool reversed = false)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement.Clone();
        var mesh = root.GetProperty("mesh");
        var meshName = mesh.GetProperty("name").GetString()!;
        var proxy = root.GetProperty("proxy");
        var kind = proxy.GetProperty("kind").GetString() == "virtualGateway" ? ProxyKind.VirtualGateway : ProxyKind.VirtualNode;

        var snapshot = new MeshSnapshot(
            AccountId,
            Region,
            new MeshResource(meshName, "", 1, mesh.TryGetProperty("spec", out var meshSpec) ? meshSpec : Empty()),
            Order(Resources(root, "virtualNodes"), reversed),
            Order(Resources(root, "virtualServices"), reversed),
            Order(Resources(root, "virtualRouters"), reversed),
            Order(Children(root, "routes"), reversed),
            Order(Resources(root, "virtualGateways"), reversed),
            Order(Children(root, "gatewayRoutes"), reversed),
            Order(Instances(root), reversed));
        return (snapshot, new ProxyIdentity(AccountId, meshName, kind, proxy.GetProperty("name").GetString()!));
    }

    private static List<T> Order<T>(List<T> items, bool reversed)
    {
        if (reversed)
        {
            items.Reverse();
        }

        return items;
    }

    private static List<MeshResource> Resources(JsonElement root, string member)
    {
        var result = new List<MeshResource>();
        if (root.TryGetProperty(member, out var map))
        {
            foreach (var item in map.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                result.Add(new MeshResource(item.Name, "", 1, item.Value));
            }
        }

        return result;
    }

    private static List<MeshResource> Children(JsonElement root, string member)
    {
        var result = new List<MeshResource>();
        if (root.TryGetProperty(member, out var parents))
        {
            foreach (var parent in parents.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                foreach (var item in parent.Value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    result.Add(new MeshResource(item.Name, parent.Name, 1, item.Value));
                }
            }
        }

        return result;
    }

    private static List<EndpointInstance> Instances(JsonElement root)
    {
        var result = new List<EndpointInstance>();
        if (!root.TryGetProperty("instances", out var array))
        {
            return result;
        }

        foreach (var item in array.EnumerateArray())
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.TryGetProperty("attributes", out var map))
            {
                foreach (var attribute in map.EnumerateObject())
                {
                    attributes[attribute.Name] = attribute.Value.GetString()!;
                }
            }

            result.Add(new EndpointInstance(
                item.GetProperty("node").GetString()!,
                item.GetProperty("id").GetString()!,
                item.GetProperty("address").GetString()!,
                item.TryGetProperty("port", out var port) ? port.GetInt32() : 0,
                !item.TryGetProperty("healthy", out var healthy) || healthy.GetBoolean(),
                attributes));
        }

        return result.OrderBy(i => i.VirtualNodeName, StringComparer.Ordinal).ThenBy(i => i.InstanceId, StringComparer.Ordinal).ToList();
    }

    private static JsonElement Empty()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    public override string ToString() => Name;
}
