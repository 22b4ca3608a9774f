using CloudMesh.Proxy.DataPlane.Tests.Support;
using CloudMesh.Proxy.DataPlane.Translation;
using CloudMesh.Proxy.Xds;
using Envoy.Config.Core.V3;
using Envoy.Config.Listener.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.Proxy.DataPlane.Tests.Translation;

/// <summary>The pure translation: what is rejected (naming the resource), what warms, what compiles.</summary>
public sealed class PlanTranslatorTests
{
    private static XdsState Sidecar() => new TestMesh()
        .Node("front", 8080, backends: ["back.demo.local"])
        .Node("back", 9090)
        .ServiceOnNode("back.demo.local", "back")
        .Compile("front");

    [Fact]
    public void A_compiled_sidecar_translates_with_both_listeners_ready()
    {
        var plan = PlanTranslator.Translate(Sidecar(), DataPlanePlan.Empty);

        Assert.Equal(["lds_egress_0.0.0.0_15001", "lds_ingress_0.0.0.0_15000"], plan.Listeners.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(plan.WarmingListeners);
        Assert.Equal(ClusterKind.LogicalDns, plan.Clusters["cds_egress_demo_back_http_9090"].Kind);
    }

    [Fact]
    public void A_listener_whose_route_configuration_has_not_arrived_warms_and_keeps_its_previous_version()
    {
        var full = Sidecar();
        var previous = PlanTranslator.Translate(full, DataPlanePlan.Empty);
        var withoutRoutes = full with { RouteConfigurations = full.RouteConfigurations.Remove("rds_egress_http_15001") };

        var fresh = PlanTranslator.Translate(withoutRoutes, DataPlanePlan.Empty);
        var kept = PlanTranslator.Translate(withoutRoutes, previous);

        Assert.Contains("lds_egress_0.0.0.0_15001", fresh.WarmingListeners);
        Assert.False(fresh.Listeners.ContainsKey("lds_egress_0.0.0.0_15001"));
        Assert.Same(previous.Listeners["lds_egress_0.0.0.0_15001"], kept.Listeners["lds_egress_0.0.0.0_15001"]);
    }

    [Fact]
    public void A_listener_whose_cluster_has_not_arrived_warms()
    {
        var full = Sidecar();
        var withoutCluster = full with { Clusters = full.Clusters.Remove("cds_egress_demo_back_http_9090") };

        var plan = PlanTranslator.Translate(withoutCluster, DataPlanePlan.Empty);

        Assert.Contains("lds_egress_0.0.0.0_15001", plan.WarmingListeners);
        Assert.True(plan.Listeners.ContainsKey("lds_ingress_0.0.0.0_15000"));
    }

    [Fact]
    public void A_tls_transport_socket_without_its_context_is_rejected_naming_the_listener_and_chain()
    {
        var state = Sidecar();
        var listener = state.Listeners["lds_ingress_0.0.0.0_15000"].Clone();
        listener.FilterChains[0].TransportSocket = new TransportSocket { Name = "envoy.transport_sockets.tls" };

        var rejection = Assert.Throws<PlanRejection>(() => PlanTranslator.Translate(state with { Listeners = state.Listeners.SetItem(listener.Name, listener) }, DataPlanePlan.Empty));

        Assert.Contains("listener lds_ingress_0.0.0.0_15000", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("TLS", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_filters_other_than_the_router_are_rejected()
    {
        var state = Sidecar();
        var listener = state.Listeners["lds_ingress_0.0.0.0_15000"].Clone();
        var manager = listener.FilterChains[0].Filters[0].TypedConfig.Unpack<HttpConnectionManager>();
        manager.HttpFilters.Insert(0, new HttpFilter { Name = "envoy.filters.http.fault", TypedConfig = Any.Pack(new Empty()) });
        listener.FilterChains[0].Filters[0].TypedConfig = Any.Pack(manager);

        var rejection = Assert.Throws<PlanRejection>(() => PlanTranslator.Translate(state with { Listeners = state.Listeners.SetItem(listener.Name, listener) }, DataPlanePlan.Empty));

        Assert.Contains("envoy.filters.http.fault", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_retry_conditions_are_rejected_naming_the_route()
    {
        var state = Sidecar();
        var routes = state.RouteConfigurations["rds_egress_http_15001"].Clone();
        routes.VirtualHosts[0].Routes[0].Route_.RetryPolicy = new Envoy.Config.Route.V3.RetryPolicy { RetryOn = "5xx,envoy-ratelimited" };

        var rejection = Assert.Throws<PlanRejection>(() => PlanTranslator.Translate(state with { RouteConfigurations = state.RouteConfigurations.SetItem(routes.Name, routes) }, DataPlanePlan.Empty));

        Assert.Contains("rds_egress_http_15001", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("envoy-ratelimited", rejection.Message, StringComparison.Ordinal);
    }
}
