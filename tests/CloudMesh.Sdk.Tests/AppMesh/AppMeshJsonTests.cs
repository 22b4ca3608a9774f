using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.AppMesh.Model;
using Xunit;

namespace CloudMesh.Sdk.Tests.AppMesh;

/// <summary>The public JSON converter reads and writes model structures in the API's wire format.</summary>
public sealed class AppMeshJsonTests
{
    [Fact]
    public void A_virtual_node_spec_round_trips_through_wire_json()
    {
        var json = JsonNode.Parse("""
            {"listeners":[{"portMapping":{"port":8080,"protocol":"http"},
              "healthCheck":{"healthyThreshold":2,"intervalMillis":5000,"path":"/ping","protocol":"http","timeoutMillis":2000,"unhealthyThreshold":2},
              "timeout":{"http":{"idle":{"unit":"s","value":600}}}}],
             "backends":[{"virtualService":{"virtualServiceName":"db.local"}}],
             "serviceDiscovery":{"dns":{"hostname":"vn.local","responseType":"ENDPOINTS"}},
             "logging":{"accessLog":{"file":{"path":"/dev/stdout"}}}}
            """)!;

        var spec = AppMeshJson.Deserialize<VirtualNodeSpec>(json);

        Assert.Equal(PortProtocol.Http, spec.Listeners![0].PortMapping!.Protocol);
        Assert.Equal(DurationUnit.S, spec.Listeners[0].Timeout!.Http!.Idle!.Unit);
        Assert.Equal(600L, spec.Listeners[0].Timeout!.Http!.Idle!.Value);
        Assert.Equal(DnsResponseType.ENDPOINTS, spec.ServiceDiscovery!.Dns!.ResponseType);
        Assert.Equal("db.local", spec.Backends![0].VirtualService!.VirtualServiceName);
        Assert.True(JsonNode.DeepEquals(json, AppMeshJson.Serialize(spec)));
    }

    [Fact]
    public void Only_set_members_are_written_and_timestamps_are_epoch_seconds()
    {
        var metadata = new ResourceMetadata
        {
            Arn = "arn:aws:appmesh:us-east-1:111111111111:mesh/m",
            CreatedAt = new DateTime(2023, 11, 14, 22, 13, 20, 250, DateTimeKind.Utc),
            Version = 4,
        };

        var json = AppMeshJson.Serialize(metadata);

        Assert.Equal("""{"arn":"arn:aws:appmesh:us-east-1:111111111111:mesh/m","createdAt":1700000000.25,"version":4}""", json.ToJsonString());
        Assert.Equal(metadata.CreatedAt, AppMeshJson.Deserialize<ResourceMetadata>(json).CreatedAt);
    }

    [Fact]
    public void Collections_stay_null_unless_set_and_empty_lists_are_kept()
    {
        Assert.Null(new VirtualNodeSpec().Listeners);
        var json = AppMeshJson.Serialize(new VirtualNodeSpec { Backends = [] });
        Assert.Equal("""{"backends":[]}""", json.ToJsonString());
        Assert.Empty(AppMeshJson.Deserialize<VirtualNodeSpec>(json).Backends!);
    }

    [Fact]
    public void Unknown_members_are_ignored_and_wrong_kinds_are_rejected()
    {
        var spec = AppMeshJson.Deserialize<MeshSpec>(JsonNode.Parse("""{"egressFilter":{"type":"ALLOW_ALL"},"future":1}""")!);
        Assert.Equal(EgressFilterType.ALLOW_ALL, spec.EgressFilter!.Type);

        Assert.Throws<JsonException>(() => AppMeshJson.Deserialize<PortMapping>(JsonNode.Parse("""{"port":"80"}""")!));
        Assert.Throws<JsonException>(() => AppMeshJson.Deserialize<PortMapping>(JsonNode.Parse("[]")!));
    }

    [Fact]
    public void Requests_and_responses_are_not_model_structures()
    {
        Assert.True(AppMeshJson.Supports(typeof(MeshData)));
        Assert.False(AppMeshJson.Supports(typeof(CreateMeshRequest)));
        Assert.Throws<ArgumentException>(() => AppMeshJson.Serialize(new CreateMeshRequest()));
    }
}
