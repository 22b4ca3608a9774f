using System.Text.Json.Nodes;
using CloudMesh.Conformance.Tests.Infrastructure;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Conformance.Tests;

/// <summary>clientToken idempotency as boto3 uses it (scripts/idempotency.py).</summary>
[Collection(ConformanceCollection.Name)]
public sealed class Boto3IdempotencyTests(CloudMeshApiFixture api, ReportCache cache) : IClassFixture<ReportCache>
{
    [Theory]
    [InlineData("mesh_first", "mesh_replay", "mesh")]
    [InlineData("node_first", "node_replay", "virtualNode")]
    public async Task The_same_token_and_input_twice_gives_the_same_resource_once(string first, string replay, string member)
    {
        var a = await OkAsync(first, member);
        var b = await OkAsync(replay, member);

        Assert.Equal(a.Str("metadata.uid"), b.Str("metadata.uid"));
        Assert.Equal(a.Str("metadata.arn"), b.Str("metadata.arn"));
        Assert.Equal(1, a.Int("metadata.version"));
        Assert.Equal(1, b.Int("metadata.version"));
    }

    [Fact]
    public async Task A_replayed_create_leaves_one_mesh()
    {
        var meshes = (await ReportAsync()).At("meshes_after.response.meshes").AsArray();
        Assert.Equal(["idem"], meshes.Select(m => m!.Str("meshName")));
    }

    [Theory]
    [InlineData("mesh_other_input")]
    [InlineData("mesh_other_spec")]
    [InlineData("update_token_of_create")]
    public async Task The_same_token_with_different_input_is_a_ConflictException(string caseName)
    {
        var result = (await ReportAsync()).At(caseName);
        Assert.Equal(("ConflictException", 409L), (result["code"]?.GetValue<string>(), result.Int("status")));
    }

    [Fact]
    public async Task A_create_without_the_token_is_not_a_replay()
    {
        var result = (await ReportAsync()).At("node_without_token");
        Assert.Equal(("ConflictException", 409L), (result["code"]?.GetValue<string>(), result.Int("status")));
    }

    [Fact]
    public async Task Replayed_updates_bump_the_version_once()
    {
        Assert.Equal(2, (await OkAsync("update_first", "virtualNode")).Int("metadata.version"));
        Assert.Equal(2, (await OkAsync("update_replay", "virtualNode")).Int("metadata.version"));
        Assert.Equal(2, (await OkAsync("update_replay_again", "virtualNode")).Int("metadata.version"));
        Assert.Equal(2, (await OkAsync("describe_after_updates", "virtualNode")).Int("metadata.version"));
        Assert.Equal(3, (await OkAsync("update_new_token", "virtualNode")).Int("metadata.version"));
    }

    [Fact]
    public async Task Boto3s_generated_tokens_keep_separate_creates_separate()
    {
        await OkAsync("auto_token_first", "virtualRouter");
        var second = (await ReportAsync()).At("auto_token_second");
        Assert.Equal(("ConflictException", 409L), (second["code"]?.GetValue<string>(), second.Int("status")));
    }

    private async Task<JsonNode> OkAsync(string caseName, string member)
    {
        var result = (await ReportAsync()).At(caseName);
        Assert.True(result["ok"]!.GetValue<bool>(), $"{caseName}: {result.ToJsonString()}");
        return result.At("response." + member);
    }

    private Task<JsonObject> ReportAsync() => cache.GetAsync("idempotency", async () =>
        await ExternalClients.RunScriptAsync("idempotency.py", api.Endpoint, [await api.CreateTenantAsync("idempotency")]));
}
