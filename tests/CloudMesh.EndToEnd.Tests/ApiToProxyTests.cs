using CloudMesh.EndToEnd.Tests.Support;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.EndToEnd.Tests;

/// <summary>
/// One CloudMesh process (API and control plane), one proxy stream: what is declared through the App Mesh API
/// reaches the proxy, changes are pushed without reconnecting, and the stream is bound to its tenant.
/// </summary>
public sealed class ApiToProxyTests(CloudMeshApiFixture api) : IClassFixture<CloudMeshApiFixture>
{
    private const string Node = """{"listeners":[{"portMapping":{"port":PORT,"protocol":"http"}}],"serviceDiscovery":{"dns":{"hostname":"HOST"}}BACKENDS}""";

    private static string NodeSpec(int port, string host, params string[] backends) => Node
        .Replace("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("HOST", host, StringComparison.Ordinal)
        .Replace("BACKENDS", backends.Length == 0 ? "" : ",\"backends\":[" + string.Join(",", backends.Select(b =>
            "{\"virtualService\":{\"virtualServiceName\":\"" + b + "\"}}")) + "]", StringComparison.Ordinal);

    [Fact]
    public async Task A_declared_backend_reaches_the_proxy_and_an_update_is_pushed_on_the_open_stream()
    {
        var client = await api.NewTenantClientAsync();
        var token = await MeshWriter.IssueXdsTokenAsync(api.Http, api.Server.AdminToken, client.Credentials.AccountId);
        await MeshWriter.CreateAsync(client, "/v20190125/meshes", "meshName", "shop", "{}");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/shop/virtualNodes", "virtualNodeName", "cart", NodeSpec(8080, "cart.shop.local"));
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/shop/virtualNodes", "virtualNodeName", "web", NodeSpec(9080, "web.shop.local", "cart.shop.local"));

        await using var proxy = await XdsTestClient.ConnectAsync(api.Server.XdsEndpoint!, "mesh/shop/virtualNode/web", token);

        // The backend's virtual service does not exist yet: no egress cluster for it.
        var first = await proxy.WaitForAsync(XdsTestClient.ClusterType, r => r.Resources.Count > 0);
        Assert.DoesNotContain(XdsTestClient.Names(first), n => n.Contains("cart", StringComparison.Ordinal));
        Assert.Contains(XdsTestClient.Names((await proxy.WaitForAsync(XdsTestClient.ListenerType, r => r.Resources.Count > 0))),
            n => n.Contains("ingress", StringComparison.Ordinal));

        await MeshWriter.CreateAsync(client, "/v20190125/meshes/shop/virtualServices", "virtualServiceName", "cart.shop.local",
            """{"provider":{"virtualNode":{"virtualNodeName":"cart"}}}""");
        var withCart = await proxy.WaitForAsync(XdsTestClient.ClusterType, r => XdsTestClient.Names(r).Any(n => n.Contains("cart", StringComparison.Ordinal)));
        Assert.Equal("cart", CartCluster(withCart).Split('_')[3]);

        await MeshWriter.UpdateAsync(client, "/v20190125/meshes/shop/virtualNodes/cart", NodeSpec(8443, "cart.shop.local"));
        var moved = await proxy.WaitForAsync(XdsTestClient.ClusterType, r => XdsTestClient.Names(r).Any(n => n.Contains("cart", StringComparison.Ordinal) && n.EndsWith("8443", StringComparison.Ordinal)));
        Assert.DoesNotContain(XdsTestClient.Names(moved), n => n.Contains("cart", StringComparison.Ordinal) && n.EndsWith("8080", StringComparison.Ordinal));
        Assert.Null(proxy.Failure);
    }

    [Fact]
    public async Task A_token_cannot_reach_another_tenants_mesh()
    {
        var owner = await api.NewTenantClientAsync();
        var intruder = await api.NewTenantClientAsync();
        var intruderToken = await MeshWriter.IssueXdsTokenAsync(api.Http, api.Server.AdminToken, intruder.Credentials.AccountId);
        await MeshWriter.CreateAsync(owner, "/v20190125/meshes", "meshName", "secret", "{}");
        await MeshWriter.CreateAsync(owner, "/v20190125/meshes/secret/virtualNodes", "virtualNodeName", "vault", NodeSpec(8080, "vault.local"));
        var ownersArn = $"arn:aws:appmesh:us-east-1:{owner.Credentials.AccountId}:mesh/secret/virtualNode/vault";

        await using var proxy = await XdsTestClient.ConnectAsync(api.Server.XdsEndpoint!, ownersArn, intruderToken);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => proxy.WaitForAsync(XdsTestClient.ClusterType, _ => true));
        var status = Assert.IsType<global::Grpc.Core.RpcException>(failure.InnerException);
        Assert.Equal(global::Grpc.Core.StatusCode.PermissionDenied, status.StatusCode);
    }

    [Fact]
    public async Task A_stream_signed_as_App_Mesh_Envoy_signs_is_bound_to_the_access_keys_tenant()
    {
        var client = await api.NewTenantClientAsync();
        await MeshWriter.CreateAsync(client, "/v20190125/meshes", "meshName", "signed", "{}");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/signed/virtualNodes", "virtualNodeName", "web", NodeSpec(8080, "web.local"));
        var xds = api.Server.XdsEndpoint!;
        var arn = $"arn:aws:appmesh:us-east-1:{client.Credentials.AccountId}:mesh/signed/virtualNode/web";

        // botocore signs, as Envoy's aws_iam gRPC credentials would, with the tenant's real access key.
        var headers = await EnvoySigV4.SignAsync($"{xds.Host}:{xds.Port}", client.Credentials);
        await using var proxy = await XdsTestClient.ConnectAsync(xds, arn, headers);
        var clusters = await proxy.WaitForAsync(XdsTestClient.ClusterType, r => r.Resources.Count > 0);
        Assert.Contains(XdsTestClient.Names(clusters), n => n.Contains("ingress", StringComparison.Ordinal));

        // The same signature with a wrong secret is refused.
        var forged = await EnvoySigV4.SignAsync($"{xds.Host}:{xds.Port}", client.Credentials with { SecretAccessKey = "wrong" + client.Credentials.SecretAccessKey });
        await using var intruder = await XdsTestClient.ConnectAsync(xds, arn, forged);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => intruder.WaitForAsync(XdsTestClient.ClusterType, _ => true));
        Assert.Equal(global::Grpc.Core.StatusCode.Unauthenticated, Assert.IsType<global::Grpc.Core.RpcException>(failure.InnerException).StatusCode);
    }

    [Fact]
    public async Task A_delta_stream_gets_only_what_changed_and_removals()
    {
        var client = await api.NewTenantClientAsync();
        var token = await MeshWriter.IssueXdsTokenAsync(api.Http, api.Server.AdminToken, client.Credentials.AccountId);
        await MeshWriter.CreateAsync(client, "/v20190125/meshes", "meshName", "delta", "{}");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/delta/virtualNodes", "virtualNodeName", "cart", NodeSpec(8080, "cart.local"));
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/delta/virtualServices", "virtualServiceName", "cart.local",
            """{"provider":{"virtualNode":{"virtualNodeName":"cart"}}}""");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/delta/virtualNodes", "virtualNodeName", "web", NodeSpec(9080, "web.local", "cart.local"));

        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(api.Server.XdsEndpoint!);
        var ads = new Envoy.Service.Discovery.V3.AggregatedDiscoveryService.AggregatedDiscoveryServiceClient(channel);
        using var call = ads.DeltaAggregatedResources(new global::Grpc.Core.Metadata { { "authorization", "Bearer " + token } });
        using var timeout = new CancellationTokenSource(XdsTestClient.Patience);
        async Task<Envoy.Service.Discovery.V3.DeltaDiscoveryResponse> NextAsync()
        {
            Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
            var response = call.ResponseStream.Current;
            await call.RequestStream.WriteAsync(new Envoy.Service.Discovery.V3.DeltaDiscoveryRequest { TypeUrl = response.TypeUrl, ResponseNonce = response.Nonce });
            return response;
        }

        await call.RequestStream.WriteAsync(new Envoy.Service.Discovery.V3.DeltaDiscoveryRequest
        {
            Node = new Envoy.Config.Core.V3.Node { Id = "mesh/delta/virtualNode/web" },
            TypeUrl = XdsTestClient.ClusterType,
        });
        var initial = await NextAsync();
        var cartCluster = Assert.Single(initial.Resources, r => r.Name.Contains("cart", StringComparison.Ordinal));
        Assert.True(initial.Resources.Count >= 2, "the ingress cluster and the backend's cluster");

        // The backend's node changes port: the old cluster is removed and only the new one is sent.
        await MeshWriter.UpdateAsync(client, "/v20190125/meshes/delta/virtualNodes/cart", NodeSpec(8443, "cart.local"));
        var change = await NextAsync();
        Assert.Equal([cartCluster.Name], change.RemovedResources);
        var added = Assert.Single(change.Resources);
        Assert.Contains("cart", added.Name, StringComparison.Ordinal);
        Assert.EndsWith("8443", added.Name, StringComparison.Ordinal);
        await call.RequestStream.CompleteAsync();
    }

    [Fact]
    public async Task A_proxy_announcing_its_instance_is_in_the_registry_while_connected()
    {
        var client = await api.NewTenantClientAsync();
        var token = await MeshWriter.IssueXdsTokenAsync(api.Http, api.Server.AdminToken, client.Credentials.AccountId);
        await MeshWriter.CreateAsync(client, "/v20190125/meshes", "meshName", "announce", "{}");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/announce/virtualNodes", "virtualNodeName", "web",
            """{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}],"serviceDiscovery":{"awsCloudMap":{"namespaceName":"n","serviceName":"web"}}}""");
        const string instances = "/cloudmesh/v1/meshes/announce/virtualNodes/web/instances";

        var proxy = await XdsTestClient.ConnectAsync(api.Server.XdsEndpoint!, "mesh/announce/virtualNode/web",
            new global::Grpc.Core.Metadata { { "authorization", "Bearer " + token } },
            new Dictionary<string, string> { ["cloudmesh.instance.address"] = "10.1.2.3", ["cloudmesh.instance.id"] = "web-1" });
        await proxy.WaitForAsync(XdsTestClient.ClusterType, r => r.Resources.Count > 0);
        var registered = await EventuallyAsync(client, instances, list => list.Count == 1);
        Assert.Equal(("web-1", "10.1.2.3", "proxy"), (registered[0]!["instanceId"]!.GetValue<string>(),
            registered[0]!["address"]!.GetValue<string>(), registered[0]!["source"]!.GetValue<string>()));

        await proxy.DisposeAsync();
        await EventuallyAsync(client, instances, list => list.Count == 0);
    }

    private static async Task<System.Text.Json.Nodes.JsonArray> EventuallyAsync(
        AppMeshTestClient client, string path, Func<System.Text.Json.Nodes.JsonArray, bool> condition)
    {
        using var patience = new CancellationTokenSource(XdsTestClient.Patience);
        while (true)
        {
            var list = (await client.GetAsync(path)).EnsureSuccess().Body!["instances"]!.AsArray();
            if (condition(list))
            {
                return list;
            }

            await Task.Delay(50, patience.Token);
        }
    }

    private static string CartCluster(Envoy.Service.Discovery.V3.DiscoveryResponse response) =>
        XdsTestClient.Names(response).Single(n => n.Contains("cart", StringComparison.Ordinal));
}
