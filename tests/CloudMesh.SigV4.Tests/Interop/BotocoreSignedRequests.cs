using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMesh.SigV4.Tests.Interop;

/// <summary>
/// Runs botocore (python3, the AWS CLI's signer) once over every case in <see cref="Definitions"/> and keeps the
/// signed requests. There is no fallback: if python3 or botocore is missing, every interop test fails.
/// </summary>
public sealed class BotocoreSignedRequests
{
    public const string Timestamp = "20250102T030405Z";
    public const string JsonBody = "{\"virtualNodeName\":\"node-ü\",\"spec\":{\"listeners\":[{\"portMapping\":{\"port\":8080,\"protocol\":\"http\"}}]}}";

    private readonly Dictionary<string, BotocoreCase> _cases;

    public BotocoreSignedRequests()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Interop", "botocore_sign.py");
        var start = new ProcessStartInfo("python3", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start python3");
        process.StandardInput.Write(new JsonObject { ["cases"] = Definitions() }.ToJsonString());
        process.StandardInput.Close();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"botocore_sign.py failed ({process.ExitCode}): {stderr.Result}");
        }

        var originals = Definitions().ToDictionary(d => d!["name"]!.GetValue<string>(), d => d!);
        _cases = [];
        foreach (JsonElement item in JsonDocument.Parse(stdout).RootElement.EnumerateArray())
        {
            string name = item.GetProperty("name").GetString()!;
            JsonNode original = originals[name];
            var headers = item.GetProperty("headers").EnumerateArray()
                .Select(h => new KeyValuePair<string, string>(h[0].GetString()!, h[1].GetString()!))
                .ToList();
            _cases[name] = new BotocoreCase(
                name,
                original["kind"]!.GetValue<string>(),
                item.GetProperty("method").GetString()!,
                item.GetProperty("url").GetString()!,
                headers,
                Convert.FromBase64String(item.GetProperty("body_b64").GetString()!),
                item.GetProperty("timestamp").GetString()!,
                original["url"]?.GetValue<string>() ?? string.Empty,
                original["expires"]?.GetValue<int>() ?? 0);
        }
    }

    public BotocoreCase this[string name] => _cases[name];

    public static IEnumerable<string> Names(params string[] kinds) =>
        Definitions().Where(d => kinds.Length == 0 || kinds.Contains(d!["kind"]!.GetValue<string>())).Select(d => d!["name"]!.GetValue<string>());

    public static DateTimeOffset ParseTimestamp(string timestamp) =>
        DateTimeOffset.ParseExact(timestamp, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>The cases botocore signs: raw SigV4Auth, SigV4QueryAuth, and real 'appmesh' client calls.</summary>
    private static JsonArray Definitions()
    {
        const string Mesh = "https://appmesh.us-east-1.amazonaws.com";
        string bodyHash = SigV4Request.HashPayload(Encoding.UTF8.GetBytes(JsonBody));
        return
        [
            Header("appmesh-list-virtual-nodes", "GET", $"{Mesh}/v20190125/meshes/my-mesh/virtualNodes?limit=5&nextToken=abc%2Fdef"),
            Header("path-spaces-and-specials", "GET", "http://localhost:8080/v20190125/meshes/my%20mesh%2Bplus/virtualNodes/node%3Aone%40x~%21%27%28%29%2A%2C%3B%3D"),
            Header("path-unicode", "GET", $"{Mesh}/v20190125/meshes/caf%C3%A9/virtualRouters/%E2%9C%93"),
            Header("query-repeated-and-empty", "GET", $"{Mesh}/v20190125/meshes?b=2&a=1&a=&a=0&c&empty="),
            Header("query-encoded-specials", "GET", $"{Mesh}/v20190125/meshes?q=a%20b%2Bc&%24x=%E2%9C%93&tilde=~&star=%2A&Upper=1"),
            Header("put-json-body", "PUT", $"{Mesh}/v20190125/meshes/m1/virtualNodes", JsonBody, [["Content-Type", "application/json"]]),
            Header("post-with-content-sha256", "POST", $"{Mesh}/v20190125/meshes/m1/virtualNodes", JsonBody,
                [["Content-Type", "application/json"], ["X-Amz-Content-SHA256", bodyHash]]),
            Header("messy-header-whitespace", "GET", $"{Mesh}/v20190125/meshes",
                headers: [["X-Custom", "  a   b\tc  "], ["X-Other", "v"], ["User-Agent", "aws-cli/1.0 Python/3.11"]]),
            Header("date-header", "POST", $"{Mesh}/v20190125/meshes", "{}", [["Date", "placeholder"], ["Content-Type", "application/json"]]),
            Header("dot-segments-and-double-slashes", "GET", $"{Mesh}/v20190125//meshes/./m1/../m2/"),
            Header("delete-non-default-port", "DELETE", "http://127.0.0.1:9443/v20190125/meshes/m1?meshOwner=111122223333"),
            Query("presigned-list", "https://appmesh.cloudmesh.test/v20190125/meshes?limit=3", 300),
            Query("presigned-specials-one-week", "https://appmesh.cloudmesh.test:8443/v20190125/meshes/my%20mesh/virtualNodes?nextToken=abc%2Fdef", 604800),
            Client("client-list-virtual-nodes", "list_virtual_nodes", new JsonObject { ["meshName"] = "my mesh", ["limit"] = 5, ["nextToken"] = "abc/def" }),
            Client("client-create-mesh", "create_mesh", new JsonObject
            {
                ["meshName"] = "mesh-1",
                ["spec"] = new JsonObject { ["egressFilter"] = new JsonObject { ["type"] = "ALLOW_ALL" } },
            }),
            Client("client-describe-virtual-node", "describe_virtual_node", new JsonObject
            {
                ["meshName"] = "m", ["virtualNodeName"] = "node:one+two~", ["meshOwner"] = "123456789012",
            }),
            Client("client-create-virtual-service-unicode", "create_virtual_service", new JsonObject
            {
                ["meshName"] = "mesh-ü",
                ["virtualServiceName"] = "svc.local",
                ["spec"] = new JsonObject(),
                ["tags"] = new JsonArray(new JsonObject { ["key"] = "k", ["value"] = "v ü" }),
            }),
            Client("client-delete-route", "delete_route", new JsonObject { ["meshName"] = "m", ["virtualRouterName"] = "r", ["routeName"] = "route 1" }),
        ];
    }

    private static JsonObject Header(string name, string method, string url, string? body = null, string[][]? headers = null) => new()
    {
        ["name"] = name,
        ["kind"] = "header",
        ["method"] = method,
        ["url"] = url,
        ["body"] = body,
        ["headers"] = new JsonArray((headers ?? []).Select(h => (JsonNode)new JsonArray(h[0], h[1])).ToArray()),
        ["timestamp"] = Timestamp,
    };

    private static JsonObject Query(string name, string url, int expires) => new()
    {
        ["name"] = name, ["kind"] = "query", ["method"] = "GET", ["url"] = url, ["expires"] = expires, ["timestamp"] = Timestamp,
    };

    private static JsonObject Client(string name, string operation, JsonObject parameters) => new()
    {
        ["name"] = name, ["kind"] = "client", ["operation"] = operation, ["params"] = parameters,
    };
}
