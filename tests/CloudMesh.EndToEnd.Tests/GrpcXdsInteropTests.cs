using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.EndToEnd.Tests.Support;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Xunit;
using Xunit.Abstractions;

namespace CloudMesh.EndToEnd.Tests;

/// <summary>
/// A real proxyless xDS client that nobody at CloudMesh wrote (@grpc/grpc-js with @grpc/grpc-js-xds) resolves an
/// <c>xds:///</c> target through CloudMesh and splits its calls between two grpc-js servers as a grpcRoute declared
/// through the App Mesh API says; then it follows a weight change made through the API without restarting.
/// </summary>
public sealed class GrpcXdsInteropTests(CloudMeshApiFixture api, ITestOutputHelper output) : IClassFixture<CloudMeshApiFixture>
{
    private const int Calls = 2000;
    private const int Tolerance = Calls * 5 / 100; // ±5 percentage points

    private static string Route(int weightA, int weightB) =>
        """{"grpcRoute":{"match":{"serviceName":"cloudmesh.interop.Greeter"},"action":{"weightedTargets":["""
        + $$"""{"virtualNode":"server-a","weight":{{weightA}}},{"virtualNode":"server-b","weight":{{weightB}}}"""
        + "]}}}";

    [Fact]
    public async Task A_grpc_route_splits_calls_90_10_and_a_weight_change_is_followed_without_restarting()
    {
        var client = await api.NewTenantClientAsync();
        var account = client.Credentials.AccountId;
        var token = await MeshWriter.IssueXdsTokenAsync(api.Http, api.Server.AdminToken, account);
        await using var serverA = await StartGreeterAsync("server-a");
        await using var serverB = await StartGreeterAsync("server-b");

        await MeshWriter.CreateAsync(client, "/v20190125/meshes", "meshName", "grpc", "{}");
        foreach (var (name, port) in new[] { ("server-a", serverA.Port), ("server-b", serverB.Port) })
        {
            await MeshWriter.CreateAsync(client, "/v20190125/meshes/grpc/virtualNodes", "virtualNodeName", name,
                """{"listeners":[{"portMapping":{"port":50051,"protocol":"grpc"}}],"serviceDiscovery":{"awsCloudMap":{"namespaceName":"interop","serviceName":"greeter"}}}""");
            (await client.PutAsync($"/cloudmesh/v1/meshes/grpc/virtualNodes/{name}/instances/{name}-1",
                new JsonObject { ["address"] = "127.0.0.1", ["port"] = port })).EnsureSuccess();
        }

        await MeshWriter.CreateAsync(client, "/v20190125/meshes/grpc/virtualRouters", "virtualRouterName", "greeter",
            """{"listeners":[{"portMapping":{"port":50051,"protocol":"grpc"}}]}""");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/grpc/virtualRouter/greeter/routes", "routeName", "split", Route(90, 10));
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/grpc/virtualServices", "virtualServiceName", "greeter.local",
            """{"provider":{"virtualRouter":{"virtualRouterName":"greeter"}}}""");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/grpc/virtualNodes", "virtualNodeName", "client",
            """{"backends":[{"virtualService":{"virtualServiceName":"greeter.local"}}]}""");

        var bootstrap = new JsonObject
        {
            ["xds_servers"] = new JsonArray(new JsonObject
            {
                ["server_uri"] = $"127.0.0.1:{api.Server.XdsEndpoint!.Port}",
                ["channel_creds"] = new JsonArray(new JsonObject { ["type"] = "insecure" }),
                ["server_features"] = new JsonArray("xds_v3"),
            }),
            ["node"] = new JsonObject
            {
                ["id"] = $"arn:aws:appmesh:us-east-1:{account}:mesh/grpc/virtualNode/client",
                // A stock xDS client cannot sign or add call metadata: the token rides in the node metadata.
                ["metadata"] = new JsonObject { ["cloudmesh.token"] = token },
                ["locality"] = new JsonObject(), // grpc-js-xds requires the member, even empty
            },
        };
        await using var grpcClient = NodeProcess.Start(Path.Combine("xds", "xds-client.js"), ["xds:///greeter.local:50051"],
            new Dictionary<string, string> { ["GRPC_XDS_BOOTSTRAP_CONFIG"] = bootstrap.ToJsonString() });

        var before = await CallsAsync(grpcClient, Calls);
        output.WriteLine($"90/10 route: {before.Raw}");
        Assert.True(before.Errors == 0, $"calls failed: {before.Raw}");
        Assert.InRange(before.A, Calls * 90 / 100 - Tolerance, Calls * 90 / 100 + Tolerance);
        Assert.Equal(Calls, before.A + before.B);

        await MeshWriter.UpdateAsync(client, "/v20190125/meshes/grpc/virtualRouter/greeter/routes/split", Route(10, 90));

        // The same client process, never restarted: wait until its calls follow the new weights, then measure.
        using var patience = new CancellationTokenSource(NodeProcess.Patience);
        while ((await CallsAsync(grpcClient, 100)).B < 50)
        {
            patience.Token.ThrowIfCancellationRequested();
        }

        var after = await CallsAsync(grpcClient, Calls);
        output.WriteLine($"10/90 route: {after.Raw}");
        Assert.True(after.Errors == 0, $"calls failed: {after.Raw}");
        Assert.InRange(after.B, Calls * 90 / 100 - Tolerance, Calls * 90 / 100 + Tolerance);
        Assert.Equal(Calls, after.A + after.B);
    }

    private static async Task<GreeterServer> StartGreeterAsync(string name)
    {
        var port = FreePort.Get();
        var process = NodeProcess.Start(Path.Combine("xds", "greeter-server.js"), [port.ToString(System.Globalization.CultureInfo.InvariantCulture), name]);
        Assert.StartsWith("listening", await process.ReadLineAsync(), StringComparison.Ordinal);
        return new GreeterServer(process, port);
    }

    private static async Task<(int A, int B, int Errors, string Raw)> CallsAsync(NodeProcess client, int calls)
    {
        await client.SendAsync($"calls {calls}");
        var line = await client.ReadLineAsync();
        var result = JsonNode.Parse(line)!;
        var counts = result["counts"]!.AsObject();
        var errors = result["errors"]!.AsObject().Sum(e => e.Value!.GetValue<int>());
        return (counts["server-a"]?.GetValue<int>() ?? 0, counts["server-b"]?.GetValue<int>() ?? 0, errors, line);
    }

    private sealed record GreeterServer(NodeProcess Process, int Port) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}
