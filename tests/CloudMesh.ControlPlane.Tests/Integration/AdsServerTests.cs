using System.Text.Json;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Tests.Support;
using Envoy.Config.Core.V3;
using Envoy.Service.Discovery.V3;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Metadata = Grpc.Core.Metadata;
using static CloudMesh.ControlPlane.Tests.Support.TestConfigs;
using static CloudMesh.ControlPlane.Tests.Support.Xds;

namespace CloudMesh.ControlPlane.Tests.Integration;

/// <summary>The ADS server over real sockets: Kestrel (h2c) and the CloudMesh.Grpc client.</summary>
public sealed class AdsServerTests : IAsyncLifetime
{
    private static readonly ProxyIdentity Cart = new(TestTenant.A.AccountId, "shop", ProxyKind.VirtualNode, "cart");
    private static readonly ProxyIdentity Web = new(TestTenant.A.AccountId, "shop", ProxyKind.VirtualNode, "web");
    private static readonly string CartArn = $"arn:aws:appmesh:us-east-1:{TestTenant.A.AccountId}:mesh/shop/virtualNode/cart";

    private ControlPlaneHost _host = null!;

    public async Task InitializeAsync() => _host = await ControlPlaneHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Metadata Bearer(TestTenant tenant) => new() { { "authorization", $"Bearer {tenant.XdsToken}" } };

    private AdsStream<DiscoveryRequest, DiscoveryResponse> OpenSotw(Metadata? headers = null) =>
        new(_host.Client.StreamAggregatedResources(headers ?? Bearer(TestTenant.A)));

    private AdsStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse> OpenDelta(Metadata? headers = null) =>
        new(_host.Client.DeltaAggregatedResources(headers ?? Bearer(TestTenant.A)));

    private static DiscoveryRequest First(string typeUrl, string nodeId, IEnumerable<string>? names = null, Struct? metadata = null)
    {
        DiscoveryRequest request = Request(typeUrl, names);
        request.Node = new Node { Id = nodeId, Metadata = metadata };
        return request;
    }

    [Fact]
    public async Task SotW_stream_gets_its_configuration_then_a_pushed_change()
    {
        _host.Source.Set(Cart, Sidecar(cluster: "v1"));
        using AdsStream<DiscoveryRequest, DiscoveryResponse> ads = OpenSotw();

        await ads.SendAsync(First(Cds, CartArn));
        DiscoveryResponse cds = await ads.ReceiveAsync();
        Assert.Equal(["v1"], Names(cds));
        Assert.Equal("test-replica", cds.ControlPlane.Identifier);
        await ads.SendAsync(Ack(cds));
        await ads.SendAsync(Request(Lds));
        DiscoveryResponse lds = await ads.ReceiveAsync();
        Assert.Equal(["ingress"], Names(lds));
        await ads.SendAsync(Ack(lds));

        _host.Source.Set(Cart, Sidecar(cluster: "v2", addresses: "10.9.9.9"));
        _host.Changed(Cart.AccountId, Cart.MeshName);

        DiscoveryResponse pushed = await ads.ReceiveAsync();
        Assert.Equal(Cds, pushed.TypeUrl);
        Assert.Equal(["v2"], Names(pushed));
        Assert.NotEqual(cds.VersionInfo, pushed.VersionInfo);
    }

    [Fact]
    public async Task A_stopping_replica_ends_its_streams_with_UNAVAILABLE_so_proxies_reconnect_elsewhere()
    {
        _host.Source.Set(Cart, Sidecar(cluster: "v1"));
        using AdsStream<DiscoveryRequest, DiscoveryResponse> ads = OpenSotw();
        await ads.SendAsync(First(Cds, CartArn));
        await ads.ReceiveAsync();

        _host.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().StopApplication();

        RpcException ended = await ads.FailureAsync();
        Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
        Assert.Contains("shutting down", ended.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delta_stream_gets_its_configuration_then_only_what_changed()
    {
        _host.Source.Set(Cart, Config(clusters: [Cluster("a"), Cluster("b")]));
        using AdsStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse> ads = OpenDelta();

        DeltaDiscoveryRequest first = Delta(Cds);
        first.Node = new Node { Id = "mesh/shop/virtualNode/cart" };
        await ads.SendAsync(first);
        DeltaDiscoveryResponse initial = await ads.ReceiveAsync();
        Assert.Equal(["a", "b"], Names(initial));
        await ads.SendAsync(DeltaAck(initial));

        _host.Source.Set(Cart, Config(clusters: [Cluster("a"), Cluster("c")]));
        _host.Changed(Cart.AccountId, Cart.MeshName);

        DeltaDiscoveryResponse change = await ads.ReceiveAsync();
        Assert.Equal(["c"], Names(change));
        Assert.Equal(["b"], change.RemovedResources);
    }

    [Fact]
    public async Task A_NACK_is_kept_and_visible_in_debug_proxies()
    {
        _host.Source.Set(Cart, Sidecar(cluster: "v1"));
        using AdsStream<DiscoveryRequest, DiscoveryResponse> ads = OpenSotw();
        await ads.SendAsync(First(Cds, CartArn));
        DiscoveryResponse good = await ads.ReceiveAsync();
        await ads.SendAsync(Ack(good));

        // The ACK must be processed before the change, or it would answer a superseded nonce and be ignored.
        await Eventually.TrueAsync(
            () => Proxies().GetProperty("proxies")[0].GetProperty("types")[0].GetProperty("ackedVersion").GetString() == good.VersionInfo,
            "the ACK to be recorded");
        _host.Source.Set(Cart, Sidecar(cluster: "v2"));
        _host.Changed(Cart.AccountId, Cart.MeshName);
        DiscoveryResponse bad = await ads.ReceiveAsync();

        await ads.SendAsync(Nack(bad, good.VersionInfo, "cluster v2: unknown field"));

        JsonElement proxy = default;
        await Eventually.TrueAsync(
            () =>
            {
                proxy = Proxies().GetProperty("proxies")[0];
                return proxy.GetProperty("types")[0].GetProperty("lastNack").ValueKind == JsonValueKind.Object;
            },
            "the NACK to show in /debug/proxies");
        JsonElement cds = proxy.GetProperty("types")[0];
        Assert.Equal("CDS", cds.GetProperty("type").GetString());
        Assert.Equal(good.VersionInfo, cds.GetProperty("ackedVersion").GetString());
        Assert.Equal(bad.VersionInfo, cds.GetProperty("sentVersion").GetString());
        Assert.Equal("cluster v2: unknown field", cds.GetProperty("lastNack").GetProperty("message").GetString());
        Assert.Equal(bad.VersionInfo, cds.GetProperty("lastNack").GetProperty("rejectedVersion").GetString());
        Assert.Equal(CartArn, proxy.GetProperty("nodeId").GetString());
        Assert.Equal(TestTenant.A.AccountId, proxy.GetProperty("tenant").GetString());
        Assert.Equal("test-replica", proxy.GetProperty("replicaId").GetString());
        Assert.Equal("sotw", proxy.GetProperty("stream").GetString());
        Assert.Contains("cloudmesh_xds_nacks_total{type=\"CDS\"} 1", await _host.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_that_does_not_alter_a_proxys_configuration_is_not_pushed_to_it()
    {
        _host.Source.Set(Cart, Sidecar(cluster: "cart-backend"));
        _host.Source.Set(Web, Sidecar(cluster: "web-backend"));
        using AdsStream<DiscoveryRequest, DiscoveryResponse> ads = OpenSotw();
        await ads.SendAsync(First(Cds, CartArn));
        await ads.SendAsync(Ack(await ads.ReceiveAsync()));

        // Only web's configuration changes: cart is recomputed with an equal hash, and nothing is sent.
        _host.Source.Set(Web, Sidecar(cluster: "web-backend-v2"));
        long passes = _host.Cache.CompletedRecomputes;
        _host.Changed(Cart.AccountId, Cart.MeshName);
        await Eventually.TrueAsync(() => _host.Cache.CompletedRecomputes > passes, "the mesh recompute");

        _host.Source.Set(Cart, Sidecar(cluster: "cart-backend-v2"));
        _host.Changed(Cart.AccountId, Cart.MeshName);

        // The next message on the stream is the real change: the first notification pushed nothing.
        Assert.Equal(["cart-backend-v2"], Names(await ads.ReceiveAsync()));
        Assert.Contains("cloudmesh_xds_pushes_total{type=\"CDS\"} 2", await _host.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_not_declared_yet_gets_empty_sets_and_its_configuration_once_it_exists()
    {
        using AdsStream<DiscoveryRequest, DiscoveryResponse> ads = OpenSotw();
        await ads.SendAsync(First(Lds, CartArn));
        DiscoveryResponse empty = await ads.ReceiveAsync();
        Assert.Empty(empty.Resources);
        await ads.SendAsync(Ack(empty));

        _host.Source.Set(Cart, Sidecar());
        _host.Changed(Cart.AccountId, Cart.MeshName);

        Assert.Equal(["ingress"], Names(await ads.ReceiveAsync()));
    }

    [Fact]
    public async Task An_unparseable_node_id_is_permission_denied()
    {
        using AdsStream<DiscoveryRequest, DiscoveryResponse> ads = OpenSotw();
        await ads.SendAsync(First(Cds, "sidecar-1"));

        RpcException error = await ads.FailureAsync();

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("mesh/<mesh>/virtualNode/<name>", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_of_another_tenant_is_permission_denied()
    {
        using AdsStream<DiscoveryRequest, DiscoveryResponse> ads = OpenSotw(Bearer(TestTenant.B));
        await ads.SendAsync(First(Cds, CartArn));

        RpcException error = await ads.FailureAsync();

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains($"authenticated as account {TestTenant.B.AccountId}", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _host.Source.TotalCalls);
    }

    [Fact]
    public async Task A_stream_without_credentials_is_unauthenticated()
    {
        using AdsStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse> ads = OpenDelta(new Metadata());
        DeltaDiscoveryRequest first = Delta(Cds);
        first.Node = new Node { Id = CartArn };
        await ads.SendAsync(first);

        RpcException error = await ads.FailureAsync();

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("no credentials", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_store_outage_is_unavailable_not_a_refusal()
    {
        using AdsStream<DiscoveryRequest, DiscoveryResponse> ads = OpenSotw(new Metadata { { "authorization", $"Bearer {InMemoryTokenValidator.Unreachable}" } });
        await ads.SendAsync(First(Cds, CartArn));

        Assert.Equal(StatusCode.Unavailable, (await ads.FailureAsync()).StatusCode);
    }

    [Fact]
    public async Task A_configuration_source_outage_on_connect_is_unavailable_so_the_proxy_keeps_its_configuration()
    {
        _host.Source.FailWith(new InvalidOperationException("database down"));
        using AdsStream<DiscoveryRequest, DiscoveryResponse> ads = OpenSotw();
        await ads.SendAsync(First(Cds, CartArn));

        RpcException error = await ads.FailureAsync();

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("should retry", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_in_node_metadata_authenticates_a_stock_client()
    {
        _host.Source.Set(Cart, Sidecar());
        using AdsStream<DiscoveryRequest, DiscoveryResponse> ads = OpenSotw(new Metadata());
        var metadata = new Struct { Fields = { ["cloudmesh.token"] = Value.ForString(TestTenant.A.XdsToken) } };

        await ads.SendAsync(First(Cds, "mesh/shop/virtualNode/cart", metadata: metadata));

        Assert.Equal(["backend"], Names(await ads.ReceiveAsync()));
    }

    [Fact]
    public async Task SigV4_as_Envoy_signs_it_authenticates()
    {
        _host.Source.Set(Cart, Sidecar());
        using AdsStream<DiscoveryRequest, DiscoveryResponse> ads = OpenSotw(await SignedAsEnvoyAsync(TestTenant.A));
        await ads.SendAsync(First(Cds, CartArn));

        Assert.Equal(["backend"], Names(await ads.ReceiveAsync()));
        Assert.Equal("SigV4", Proxies().GetProperty("proxies")[0].GetProperty("authentication").GetString());
    }

    [Fact]
    public async Task SigV4_from_a_key_of_another_tenant_cannot_fetch_this_tenants_node()
    {
        using AdsStream<DiscoveryRequest, DiscoveryResponse> ads = OpenSotw(await SignedAsEnvoyAsync(TestTenant.B));
        await ads.SendAsync(First(Cds, CartArn));

        Assert.Equal(StatusCode.PermissionDenied, (await ads.FailureAsync()).StatusCode);
    }

    [Fact]
    public async Task The_announced_instance_is_registered_while_the_stream_lives()
    {
        _host.Source.Set(Cart, Sidecar());
        var metadata = new Struct
        {
            Fields =
            {
                ["cloudmesh.instance.address"] = Value.ForString("10.0.3.7"),
                ["cloudmesh.instance.port"] = Value.ForNumber(9080),
            },
        };
        using (AdsStream<DiscoveryRequest, DiscoveryResponse> ads = OpenSotw())
        {
            await ads.SendAsync(First(Cds, CartArn, metadata: metadata));
            await ads.ReceiveAsync();
            Assert.Equal([$"register {Cart} {CartArn}@10.0.3.7:9080 10.0.3.7:9080"], _host.Registrar.Events);
            await ads.CloseAsync();
        }

        await Eventually.TrueAsync(() => _host.Registrar.Events.Count == 2, "the deregistration");
        Assert.Equal($"deregister {Cart} {CartArn}@10.0.3.7:9080", _host.Registrar.Events.Last());
        await Eventually.TrueAsync(() => Proxies().GetProperty("count").GetInt32() == 0, "the stream to leave /debug/proxies");
    }

    [Fact]
    public async Task Config_dump_shows_the_proxys_resources_as_JSON()
    {
        _host.Source.Set(Cart, Sidecar());
        using AdsStream<DiscoveryRequest, DiscoveryResponse> ads = OpenSotw();
        await ads.SendAsync(First(Cds, CartArn));
        await ads.ReceiveAsync();

        using JsonDocument dump = JsonDocument.Parse(await _host.Http.GetStringAsync($"/debug/config_dump?node={Uri.EscapeDataString(CartArn)}"));

        JsonElement root = dump.RootElement;
        Assert.True(root.GetProperty("configured").GetBoolean());
        Assert.Equal("backend", root.GetProperty("clusters")[0].GetProperty("name").GetString());
        Assert.Equal("type.googleapis.com/envoy.config.cluster.v3.Cluster", root.GetProperty("clusters")[0].GetProperty("@type").GetString());
        Assert.Equal("backend.local:8080", root.GetProperty("apiListeners")[0].GetProperty("name").GetString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _host.Http.GetAsync("/debug/config_dump?node=mesh/x/virtualNode/y")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await _host.Http.GetAsync("/debug/config_dump")).StatusCode);
    }

    [Fact]
    public async Task Metrics_count_connected_proxies_by_stream_and_proxy_kind()
    {
        _host.Source.Set(Cart, Sidecar());
        using AdsStream<DiscoveryRequest, DiscoveryResponse> ads = OpenSotw();
        await ads.SendAsync(First(Cds, CartArn));
        await ads.ReceiveAsync();

        string metrics = await _host.Http.GetStringAsync("/metrics");

        Assert.Contains("cloudmesh_xds_connected_proxies{stream=\"sotw\",proxy=\"virtualNode\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("cloudmesh_xds_connected_proxies{stream=\"delta\",proxy=\"virtualNode\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("cloudmesh_xds_recompute_duration_seconds_count 1", metrics, StringComparison.Ordinal);
    }

    /// <summary>The call metadata Envoy's aws_iam plugin sends for a SotW stream to this host, signed by botocore.</summary>
    private async Task<Metadata> SignedAsEnvoyAsync(TestTenant tenant)
    {
        var headers = new Metadata();
        foreach ((string name, string value) in await EnvoyAwsIamSigner.SignAsync(_host.Address.Authority, EnvoyAwsIamSigner.SotwPath, tenant))
        {
            headers.Add(name, value);
        }

        return headers;
    }

    private JsonElement Proxies()
    {
        string json = _host.Http.GetStringAsync("/debug/proxies").GetAwaiter().GetResult();
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
