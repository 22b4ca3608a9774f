using System.Text.Json.Nodes;
using CloudMesh.OpenApi.Tests.Support;

namespace CloudMesh.OpenApi.Tests;

/// <summary>The body schemas accept what an AWS SDK sends and reject what App Mesh would refuse.</summary>
public sealed class RequestBodySchemaTests
{
    private const string CreateVirtualNodeBody = """
        {
          "virtualNodeName": "web",
          "clientToken": "3f1c9a52-1d1e-4a8b-9f7e-2b1f3a4c5d6e",
          "spec": {
            "listeners": [
              {
                "portMapping": { "port": 8080, "protocol": "http" },
                "healthCheck": {
                  "protocol": "http", "path": "/ping", "healthyThreshold": 2, "unhealthyThreshold": 3,
                  "intervalMillis": 5000, "timeoutMillis": 2000
                },
                "timeout": { "http": { "perRequest": { "unit": "s", "value": 15 } } }
              }
            ],
            "serviceDiscovery": { "dns": { "hostname": "web.apps.local" } },
            "backends": [ { "virtualService": { "virtualServiceName": "api.apps.local" } } ],
            "logging": { "accessLog": { "file": { "path": "/dev/stdout" } } }
          },
          "tags": [ { "key": "team", "value": "payments" } ]
        }
        """;

    [Fact]
    public void CreateVirtualNode_AcceptsAValidBody()
    {
        var result = BodyValidator.Request("CreateVirtualNode", JsonNode.Parse(CreateVirtualNodeBody)!);

        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Fact]
    public void CreateVirtualNode_RejectsAnUnknownEnumValue()
    {
        var body = JsonNode.Parse(CreateVirtualNodeBody)!;
        body["spec"]!["listeners"]![0]!["portMapping"]!["protocol"] = "smtp";

        var result = BodyValidator.Request("CreateVirtualNode", body);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("spec/listeners/0/portMapping/protocol", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateVirtualNode_RejectsAMissingRequiredMember()
    {
        var body = JsonNode.Parse(CreateVirtualNodeBody)!.AsObject();
        body.Remove("spec");

        var result = BodyValidator.Request("CreateVirtualNode", body);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'spec' is a required property", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateVirtualNode_RejectsAUnionWithTwoMembersSet()
    {
        var body = JsonNode.Parse(CreateVirtualNodeBody)!;
        body["spec"]!["serviceDiscovery"]!["awsCloudMap"] = new JsonObject { ["namespaceName"] = "ns", ["serviceName"] = "web" };

        var result = BodyValidator.Request("CreateVirtualNode", body);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("spec/serviceDiscovery", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateVirtualNode_RejectsAUriMemberInTheBody()
    {
        // meshName travels in the path; in the body it is an unknown member.
        var body = JsonNode.Parse(CreateVirtualNodeBody)!;
        body["meshName"] = "apps";

        var result = BodyValidator.Request("CreateVirtualNode", body);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("meshName", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateVirtualNode_RejectsAnOutOfRangeNumber()
    {
        var body = JsonNode.Parse(CreateVirtualNodeBody)!;
        body["spec"]!["listeners"]![0]!["portMapping"]!["port"] = 70000;

        var result = BodyValidator.Request("CreateVirtualNode", body);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("spec/listeners/0/portMapping/port", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeVirtualNodeResponse_HasEpochSecondTimestamps()
    {
        var data = new JsonObject
        {
            ["meshName"] = "apps",
            ["virtualNodeName"] = "web",
            ["spec"] = JsonNode.Parse(CreateVirtualNodeBody)!["spec"]!.DeepClone(),
            ["status"] = new JsonObject { ["status"] = "ACTIVE" },
            ["metadata"] = new JsonObject
            {
                ["arn"] = "arn:aws:appmesh:us-east-1:123456789012:mesh/apps/virtualNode/web",
                ["createdAt"] = 1700000000.123,
                ["lastUpdatedAt"] = 1700000000.123,
                ["meshOwner"] = "123456789012",
                ["resourceOwner"] = "123456789012",
                ["uid"] = "5a3c6e1b-8f0d-4c2a-9e7b-1d2f3a4b5c6d",
                ["version"] = 1,
            },
        };

        var epoch = BodyValidator.Response("DescribeVirtualNode", data);
        data["metadata"]!["createdAt"] = "2023-11-14T22:13:20Z";
        var isoString = BodyValidator.Response("DescribeVirtualNode", data);

        Assert.True(epoch.ExitCode == 0, epoch.Describe());
        Assert.Equal(1, isoString.ExitCode);
    }

    [Fact]
    public void AdminCreateTenant_AcceptsANameAndRejectsAnEmptyOne()
    {
        var valid = BodyValidator.Request("AdminCreateTenant", new JsonObject { ["name"] = "payments" });
        var empty = BodyValidator.Request("AdminCreateTenant", new JsonObject { ["name"] = "" });

        Assert.True(valid.ExitCode == 0, valid.Describe());
        Assert.Equal(1, empty.ExitCode);
    }

    [Fact]
    public void AdminPutTenantLimits_AcceptsAPartialUpdateAndRejectsAnUnknownQuota()
    {
        var partial = JsonNode.Parse("""{"requestsPerSecond": 50, "quotas": {"meshes": 5}}""")!;
        var unknown = JsonNode.Parse("""{"quotas": {"meshez": 5}}""")!;

        var accepted = BodyValidator.Request("AdminPutTenantLimits", partial);
        var rejected = BodyValidator.Request("AdminPutTenantLimits", unknown);

        Assert.True(accepted.ExitCode == 0, accepted.Describe());
        Assert.Equal(1, rejected.ExitCode);
    }
}
