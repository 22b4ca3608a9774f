using System.Text.Json;
using CloudMesh.ControlPlane.Model;

namespace CloudMesh.ControlPlane.Compiler.Benchmarking;

/// <summary>
/// Builds large, deterministic meshes for measuring the compiler (the target: 10,000 virtual nodes
/// compiled in at most a second). Not test data for behaviour: golden files cover that.
/// </summary>
public static class SyntheticMesh
{
    /// <summary>
    /// A mesh of <paramref name="virtualNodes"/> nodes, each with an http listener, 2 or 3 backends (every
    /// third node has 3) and a virtual service of its own. Half the services are provided by a router with
    /// a weighted canary route, a retry policy and a header match, half directly by their node; half the
    /// nodes use DNS discovery, half Cloud Map with two registered instances each. Mesh egress is ALLOW_ALL.
    /// </summary>
    /// <param name="virtualNodes">How many virtual nodes (at least 4).</param>
    public static MeshSnapshot Create(int virtualNodes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(virtualNodes, 4);
        var nodes = new List<MeshResource>(virtualNodes);
        var services = new List<MeshResource>(virtualNodes);
        var routers = new List<MeshResource>();
        var routes = new List<MeshResource>();
        var instances = new List<EndpointInstance>();
        for (var i = 0; i < virtualNodes; i++)
        {
            var name = NodeName(i);
            var backends = new List<string> { ServiceName((i + 1) % virtualNodes), ServiceName((i + 2) % virtualNodes) };
            if (i % 3 == 0)
            {
                backends.Add(ServiceName((i + 3) % virtualNodes));
            }

            var cloudMap = i % 2 == 1;
            var discovery = cloudMap
                ? """{"awsCloudMap":{"namespaceName":"bench","serviceName":"svc"}}"""
                : """{"dns":{"hostname":"@NODE.bench.local"}}""".Replace("@NODE", name);
            var backendList = string.Join(',', backends.Select(b => """{"virtualService":{"virtualServiceName":"@SVC"}}""".Replace("@SVC", b)));
            nodes.Add(Resource(name, "", """
                {"listeners":[{"portMapping":{"port":8080,"protocol":"http"},"timeout":{"http":{"perRequest":{"unit":"s","value":15}}}}],
                 "serviceDiscovery":@DISCOVERY, "backends":[@BACKENDS]}
                """.Replace("@DISCOVERY", discovery).Replace("@BACKENDS", backendList)));
            if (cloudMap)
            {
                instances.Add(new EndpointInstance(name, "a", $"10.{i / 65536 % 128}.{i / 256 % 256}.{i % 256}", 0, true, new Dictionary<string, string>()));
                instances.Add(new EndpointInstance(name, "b", $"10.{128 + (i / 65536 % 128)}.{i / 256 % 256}.{i % 256}", 0, true, new Dictionary<string, string>()));
            }

            if (i % 2 == 0)
            {
                var router = $"router-{i:D5}";
                services.Add(Resource(ServiceName(i), "", """{"provider":{"virtualRouter":{"virtualRouterName":"@ROUTER"}}}""".Replace("@ROUTER", router)));
                routers.Add(Resource(router, "", """{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}]}"""));
                routes.Add(Resource("canary", router, """
                    {"priority":1,"httpRoute":{"match":{"prefix":"/","headers":[{"name":"x-canary","match":{"exact":"1"}}]},
                     "action":{"weightedTargets":[{"virtualNode":"@NODE","weight":90},{"virtualNode":"@NEXT","weight":10}]},
                     "retryPolicy":{"maxRetries":2,"perRetryTimeout":{"unit":"ms","value":500},"httpRetryEvents":["server-error"]}}}
                    """.Replace("@NODE", name).Replace("@NEXT", NodeName((i + 1) % virtualNodes))));
                routes.Add(Resource("default", router, """
                    {"priority":2,"httpRoute":{"match":{"prefix":"/"},"action":{"weightedTargets":[{"virtualNode":"@NODE","weight":1}]}}}
                    """.Replace("@NODE", name)));
            }
            else
            {
                services.Add(Resource(ServiceName(i), "", """{"provider":{"virtualNode":{"virtualNodeName":"@NODE"}}}""".Replace("@NODE", name)));
            }
        }

        return new MeshSnapshot(
            "111122223333",
            "us-east-1",
            Resource("bench", "", """{"egressFilter":{"type":"ALLOW_ALL"}}"""),
            nodes,
            services,
            routers,
            routes.OrderBy(r => r.ParentName, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList(),
            [],
            [],
            instances);
    }

    private static string NodeName(int i) => $"node-{i:D5}";

    private static string ServiceName(int i) => $"svc-{i:D5}.bench.local";

    private static MeshResource Resource(string name, string parent, string spec)
    {
        using var document = JsonDocument.Parse(spec);
        return new MeshResource(name, parent, 1, document.RootElement.Clone());
    }
}
