using System.Text;
using System.Text.Json.Nodes;

namespace CloudMesh.Bench.Api;

/// <summary>The request bodies the workloads send: small, valid virtual node specs both targets accept.</summary>
internal static class NodeSpecs
{
    /// <summary>The spec for variant 0 or 1; update alternates between them so every update changes the node.</summary>
    public static JsonObject Spec(string nodeName, int variant) => new()
    {
        ["listeners"] = new JsonArray(new JsonObject
        {
            ["portMapping"] = new JsonObject
            {
                ["port"] = variant == 0 ? 8080 : 9090,
                ["protocol"] = variant == 0 ? "http" : "http2",
            },
        }),
        ["serviceDiscovery"] = new JsonObject
        {
            ["dns"] = new JsonObject { ["hostname"] = $"{nodeName}.bench.local" },
        },
    };

    /// <summary>CreateVirtualNode's body. Carries a fresh clientToken, as the AWS SDKs fill one in for every call.</summary>
    public static byte[] CreateBody(string nodeName, int variant) => Utf8(new JsonObject
    {
        ["virtualNodeName"] = nodeName,
        ["spec"] = Spec(nodeName, variant),
        ["clientToken"] = Guid.NewGuid().ToString(),
    });

    /// <summary>UpdateVirtualNode's body, with a fresh clientToken.</summary>
    public static byte[] UpdateBody(string nodeName, int variant) => Utf8(new JsonObject
    {
        ["spec"] = Spec(nodeName, variant),
        ["clientToken"] = Guid.NewGuid().ToString(),
    });

    /// <summary>CreateMesh's body.</summary>
    public static byte[] CreateMeshBody(string meshName) => Utf8(new JsonObject
    {
        ["meshName"] = meshName,
        ["clientToken"] = Guid.NewGuid().ToString(),
    });

    private static byte[] Utf8(JsonObject body) => Encoding.UTF8.GetBytes(body.ToJsonString());
}
