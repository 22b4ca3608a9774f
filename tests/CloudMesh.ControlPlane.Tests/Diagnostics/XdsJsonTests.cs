using System.Text.Json;
using CloudMesh.ControlPlane.Diagnostics;
using CloudMesh.ControlPlane.Resources;
using Envoy.Config.Listener.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.ControlPlane.Tests.Diagnostics;

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

        using JsonDocument json = JsonDocument.Parse(XdsJson.Format(XdsResource.Create("ingress", listener).Payload));

        JsonElement root = json.RootElement;
        Assert.Equal("type.googleapis.com/envoy.config.listener.v3.Listener", root.GetProperty("@type").GetString());
        JsonElement typedConfig = root.GetProperty("filterChains")[0].GetProperty("filters")[0].GetProperty("typedConfig");
        Assert.Equal(
            "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
            typedConfig.GetProperty("@type").GetString());
        Assert.Equal("routes", typedConfig.GetProperty("rds").GetProperty("routeConfigName").GetString());
    }
}
