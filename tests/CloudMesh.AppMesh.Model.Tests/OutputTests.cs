using System.Text.Json.Nodes;

namespace CloudMesh.AppMesh.Model.Tests;

public sealed class OutputTests
{
    private static readonly DateTimeOffset Created = new(2023, 11, 14, 22, 13, 20, 123, TimeSpan.Zero);

    private static JsonObject MeshData() => new()
    {
        ["meshName"] = "demo",
        ["metadata"] = new JsonObject
        {
            ["arn"] = "arn:aws:appmesh:us-east-1:123456789012:mesh/demo",
            ["createdAt"] = AppMeshJson.Timestamp(Created),
            ["lastUpdatedAt"] = AppMeshJson.Timestamp(Created),
            ["meshOwner"] = "123456789012",
            ["resourceOwner"] = "123456789012",
            ["uid"] = "a2b3c4",
            ["version"] = 1,
        },
        ["spec"] = new JsonObject { ["egressFilter"] = new JsonObject { ["type"] = "DROP_ALL" } },
        ["status"] = new JsonObject { ["status"] = "ACTIVE" },
    };

    [Fact]
    public void Timestamps_are_epoch_seconds_with_milliseconds()
    {
        Assert.Equal("1700000000.123", AppMeshJson.Timestamp(Created).ToJsonString());
        Assert.Equal("1700000000", AppMeshJson.Timestamp(DateTimeOffset.FromUnixTimeSeconds(1700000000)).ToJsonString());
        Assert.Equal("0.001", AppMeshJson.Timestamp(DateTimeOffset.UnixEpoch.AddTicks(19_999)).ToJsonString());
    }

    [Theory]
    [InlineData("1700000000.123")]
    [InlineData("\"2023-11-14T22:13:20.123Z\"")]
    [InlineData("\"2023-11-14T23:13:20.123+01:00\"")]
    public void Timestamps_read_back_from_numbers_and_iso_strings(string json)
    {
        Assert.True(AppMeshJson.TryReadTimestamp(JsonNode.Parse(json), out var value));
        Assert.Equal(Created, value);
    }

    [Theory]
    [InlineData("\"soon\"")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("1e300")]
    public void Non_timestamps_are_not_read(string json)
    {
        Assert.False(AppMeshJson.TryReadTimestamp(JsonNode.Parse(json), out _));
    }

    [Fact]
    public void A_payload_output_sends_the_payload_member_as_the_body()
    {
        var op = ServiceModel.AppMesh.Operations["DescribeMesh"];
        var mesh = MeshData();
        var shaped = OutputShaper.Shape(op.Output!, new JsonObject { ["mesh"] = mesh });
        Assert.Same(mesh, shaped.Body);
        Assert.Empty(shaped.Headers);
        Assert.Empty(OutputValidator.ValidateBody(op, shaped.Body));
        Assert.Empty(OutputValidator.Validate(op.Output!, new JsonObject { ["mesh"] = MeshData() }));
    }

    [Fact]
    public void A_missing_payload_is_an_empty_body_and_a_validation_error()
    {
        var op = ServiceModel.AppMesh.Operations["DescribeMesh"];
        var shaped = OutputShaper.Shape(op.Output!, []);
        Assert.Null(shaped.Body);
        Assert.Equal(["Missing required payload 'mesh' (MeshData)"], OutputValidator.ValidateBody(op, shaped.Body).Select(e => e.ToString()));
    }

    [Fact]
    public void A_body_output_is_sent_as_is()
    {
        var op = ServiceModel.AppMesh.Operations["ListMeshes"];
        var output = new JsonObject { ["meshes"] = new JsonArray(), ["nextToken"] = "n" };
        var shaped = OutputShaper.Shape(op.Output!, output);
        Assert.Same(output, shaped.Body);
        Assert.Empty(OutputValidator.ValidateBody(op, shaped.Body));
    }

    [Fact]
    public void Output_validation_reports_missing_members_and_wrong_types()
    {
        var op = ServiceModel.AppMesh.Operations["DescribeMesh"];
        var mesh = MeshData();
        mesh["metadata"]!.AsObject().Remove("version");
        mesh["metadata"]!["createdAt"] = "yesterday";
        mesh["status"]!["status"] = "RUNNING";
        Assert.Equal(
            [
                "metadata.version: Missing required member 'metadata.version'",
                "metadata.createdAt: 'yesterday' is not a timestamp; expected epoch seconds or an ISO-8601 date-time such as 2019-01-25T00:00:00Z",
                "status.status: 'RUNNING' is not a valid value; expected one of: ACTIVE, INACTIVE, DELETED",
            ],
            OutputValidator.ValidateBody(op, mesh).Select(e => e.ToString()));
    }

    [Fact]
    public void Header_members_of_an_output_become_headers()
    {
        var op = ModelLoadingTests.LoadRecursive().Operations["PutTree"];
        var output = new JsonObject
        {
            ["etag"] = "v1",
            ["modified"] = AppMeshJson.Timestamp(Created),
            ["root"] = new JsonObject { ["value"] = 0.5 },
        };
        var shaped = OutputShaper.Shape(op.Output!, output);
        Assert.Equal(
            [new("ETag", "v1"), new("Last-Modified", "Tue, 14 Nov 2023 22:13:20 GMT")],
            shaped.Headers);
        Assert.Equal("""{"root":{"value":0.5}}""", shaped.Body!.ToJsonString());
        Assert.Equal(3, output.Count);
        Assert.Empty(OutputValidator.ValidateBody(op, shaped.Body));
        Assert.Empty(OutputValidator.Validate(op.Output!, output));
        output.Remove("etag");
        Assert.Equal(["etag: Missing required member 'etag'"], OutputValidator.Validate(op.Output!, output).Select(e => e.ToString()));
    }

    [Fact]
    public void An_operation_without_output_expects_an_empty_body()
    {
        var ping = ModelLoadingTests.LoadRecursive().Operations["Ping"];
        Assert.Empty(OutputValidator.ValidateBody(ping, null));
        Assert.Single(OutputValidator.ValidateBody(ping, new JsonObject { ["x"] = 1 }));
    }
}
