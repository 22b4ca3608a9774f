using System.Text.Json;
using Envoy.Config.Listener.V3;
using Envoy.Extensions.Filters.Http.Fault.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.ControlPlane.Compiler.Tests;

public sealed class XdsJsonTests
{
    [Fact]
    public void Formats_resources_with_nested_Any_payloads_as_proto3_JSON()
    {
        var manager = new HttpConnectionManager { StatPrefix = "ingress_http", Rds = new Rds { RouteConfigName = "routes" } };
        var listener = new Listener
        {
            Name = "ingress",
            FilterChains =
            {
                new FilterChain { Filters = { new Filter { Name = "envoy.filters.network.http_connection_manager", TypedConfig = Any.Pack(manager) } } },
            },
        };

        using JsonDocument json = JsonDocument.Parse(XdsJson.Format(Any.Pack(listener)));

        JsonElement root = json.RootElement;
        Assert.Equal("type.googleapis.com/envoy.config.listener.v3.Listener", root.GetProperty("@type").GetString());
        JsonElement typedConfig = root.GetProperty("filterChains")[0].GetProperty("filters")[0].GetProperty("typedConfig");
        Assert.Equal(
            "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
            typedConfig.GetProperty("@type").GetString());
        Assert.Equal("routes", typedConfig.GetProperty("rds").GetProperty("routeConfigName").GetString());
    }

    [Fact]
    public void Knows_extensions_the_compiler_does_not_emit_yet()
    {
        // The registry is built from every generated proto file, not a hand list: an emitter that starts packing
        // a new filter must not make golden files and config_dump throw on an unknown Any.
        var manager = new HttpConnectionManager
        {
            StatPrefix = "ingress_http",
            HttpFilters = { new HttpFilter { Name = "envoy.filters.http.fault", TypedConfig = Any.Pack(new HTTPFault { MaxActiveFaults = 7 }) } },
        };

        using JsonDocument json = JsonDocument.Parse(XdsJson.Format(Any.Pack(manager)));

        JsonElement fault = json.RootElement.GetProperty("httpFilters")[0].GetProperty("typedConfig");
        Assert.Equal("type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault", fault.GetProperty("@type").GetString());
        Assert.Equal(7, fault.GetProperty("maxActiveFaults").GetInt32());
    }
}
