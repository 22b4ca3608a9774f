using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudMesh.Conformance.Tests.Infrastructure;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Conformance.Tests;

/// <summary>
/// Every App Mesh error code as boto3 sees it (scripts/errors.py): botocore's parsed <c>Error.Code</c> and
/// <c>ResponseMetadata.HTTPStatusCode</c>, and the successes that show each error was about its cause.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class Boto3ErrorCodeTests(CloudMeshApiFixture api, ReportCache cache) : IClassFixture<ReportCache>
{
    [Theory]
    [InlineData("bad_request.missing_required_member", "BadRequestException", 400)]
    [InlineData("bad_request.limit_below_range", "BadRequestException", 400)]
    [InlineData("bad_request.limit_above_range", "BadRequestException", 400)]
    [InlineData("bad_request.port_out_of_range", "BadRequestException", 400)]
    [InlineData("bad_request.wrong_type", "BadRequestException", 400)]
    [InlineData("bad_request.bad_enum", "BadRequestException", 400)]
    [InlineData("bad_request.union_with_two_members", "BadRequestException", 400)]
    [InlineData("bad_request.name_too_long", "BadRequestException", 400)]
    [InlineData("bad_request.route_with_two_route_types", "BadRequestException", 400)]
    [InlineData("bad_request.arn_of_another_service", "BadRequestException", 400)]
    [InlineData("bad_request.malformed_json", "BadRequestException", 400)]
    [InlineData("bad_request.json_not_an_object", "BadRequestException", 400)]
    [InlineData("not_found.mesh", "NotFoundException", 404)]
    [InlineData("not_found.node_in_missing_mesh", "NotFoundException", 404)]
    [InlineData("not_found.create_in_missing_mesh", "NotFoundException", 404)]
    [InlineData("not_found.route_in_missing_router", "NotFoundException", 404)]
    [InlineData("not_found.delete_missing_service", "NotFoundException", 404)]
    [InlineData("not_found.route_target_missing", "NotFoundException", 404)]
    [InlineData("not_found.tag_missing_resource", "NotFoundException", 404)]
    [InlineData("conflict.duplicate_mesh", "ConflictException", 409)]
    [InlineData("conflict.duplicate_node", "ConflictException", 409)]
    [InlineData("conflict.token_reused_with_other_input", "ConflictException", 409)]
    [InlineData("conflict.token_reused_did_not_create", "NotFoundException", 404)]
    [InlineData("in_use.mesh_with_contents", "ResourceInUseException", 409)]
    [InlineData("in_use.router_with_routes", "ResourceInUseException", 409)]
    [InlineData("in_use.node_used_as_route_target", "ResourceInUseException", 409)]
    [InlineData("in_use.router_used_as_provider", "ResourceInUseException", 409)]
    [InlineData("in_use.node_used_as_provider", "ResourceInUseException", 409)]
    [InlineData("in_use.gateway_with_gateway_routes", "ResourceInUseException", 409)]
    [InlineData("forbidden.describe_other_owner", "ForbiddenException", 403)]
    [InlineData("forbidden.create_in_other_owner", "ForbiddenException", 403)]
    [InlineData("too_many_tags.the_51st", "TooManyTagsException", 400)]
    [InlineData("limit_exceeded.third_mesh", "LimitExceededException", 400)]
    [InlineData("throttle.02", "TooManyRequestsException", 429)]
    [InlineData("throttle.11", "TooManyRequestsException", 429)]
    public async Task Each_error_reaches_botocore_with_its_code_and_status(string caseName, string code, int status)
    {
        var result = await CaseAsync(caseName);

        Assert.Equal((code, status), (result["code"]?.GetValue<string>(), (int)result.Int("status")));
        Assert.False(string.IsNullOrWhiteSpace(result["message"]?.GetValue<string>()), $"{caseName}: the error has no message");
    }

    [Theory]
    [InlineData("conflict.token_first_use")]
    [InlineData("in_use.still_there")]
    [InlineData("in_use_cleared.route")]
    [InlineData("in_use_cleared.router_with_routes")]
    [InlineData("in_use_cleared.node_used_as_route_target")]
    [InlineData("in_use_cleared.gateway_route")]
    [InlineData("in_use_cleared.gateway_with_gateway_routes")]
    [InlineData("in_use_cleared.router_service")]
    [InlineData("in_use_cleared.router_used_as_provider")]
    [InlineData("in_use_cleared.node_service")]
    [InlineData("in_use_cleared.node_used_as_provider")]
    [InlineData("in_use_cleared.mesh_with_contents")]
    [InlineData("forbidden.own_account_is_fine")]
    [InlineData("tags.first_30")]
    [InlineData("tags.up_to_50")]
    [InlineData("tags.overwrite_at_50")]
    [InlineData("limits.first_mesh")]
    [InlineData("limits.second_mesh")]
    [InlineData("limits.after_delete")]
    [InlineData("limits.room_again")]
    [InlineData("throttle.00")]
    [InlineData("throttle.01")]
    public async Task The_calls_around_each_error_succeed(string caseName)
    {
        var result = await CaseAsync(caseName);
        Assert.True(result["ok"]!.GetValue<bool>(), $"{caseName}: {result.ToJsonString()}");
        Assert.Equal(200, result.Int("status"));
    }

    [Fact]
    public async Task Rejected_requests_create_nothing()
    {
        var meshes = (await CaseAsync("bad_request.nothing_created")).At("response.meshes").AsArray();
        Assert.Equal(["err-mesh"], meshes.Select(m => m!.Str("meshName")));

        var nodes = (await CaseAsync("bad_request.nothing_created_in_mesh")).At("response.virtualNodes").AsArray();
        Assert.Equal(["ok-node"], nodes.Select(n => n!.Str("virtualNodeName")));
    }

    [Fact]
    public async Task A_refused_tag_call_changes_no_tags()
    {
        var tags = (await CaseAsync("tags.count_after")).At("response.tags").AsArray();
        Assert.Equal(50, tags.Count);
        Assert.DoesNotContain(tags, t => t!.Str("key") == "k50");
        Assert.Equal("changed", tags.Single(t => t!.Str("key") == "k00")!.Str("value"));
    }

    [Fact]
    public async Task A_throttled_tenant_gets_its_burst_then_429s()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((int)(await CaseAsync($"throttle.{i:00}")).Int("status"));
        }

        Assert.Equal([200, 200], statuses.Take(2));
        Assert.Contains(429, statuses.Skip(2));
    }

    /// <summary>With 1 request per second, sending for ~2 s must not get more than burst + rate x time through.</summary>
    [Fact]
    public async Task A_throttled_tenant_gets_no_more_than_its_sustained_rate()
    {
        var sustained = (await ReportAsync()).At("sustained");
        var elapsed = sustained.Num("elapsedSeconds");
        var succeeded = sustained["statuses"]!.AsArray().Count(s => s!.GetValue<int>() == 200);

        // The burst was spent just before, so at most the bucket's refill (1/s) plus one token of rounding gets through.
        var allowed = 2 + (int)Math.Ceiling(elapsed * 1) + 1;
        Assert.True(succeeded <= allowed, $"{succeeded} requests succeeded in {elapsed:F2} s at 1 request/s with burst 2 (at most {allowed} expected).");
    }

    private async Task<JsonNode> CaseAsync(string name) =>
        (await ReportAsync())["cases"]![name] ?? throw new InvalidOperationException($"errors.py reported no case '{name}'.");

    private Task<JsonObject> ReportAsync() => cache.GetAsync("errors", async () =>
    {
        var main = await api.CreateTenantAsync("errors");
        var limited = await api.CreateTenantAsync("errors-quota");
        var throttled = await api.CreateTenantAsync("errors-throttle");
        using var admin = api.AdminHttp();
        (await admin.PutAsJsonAsync($"/admin/v1/tenants/{limited.AccountId}/limits", new { quotas = new { meshes = 2 } })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/admin/v1/tenants/{throttled.AccountId}/limits", new { requestsPerSecond = 1, burst = 2 })).EnsureSuccessStatusCode();
        return await ExternalClients.RunScriptAsync("errors.py", api.Endpoint, [main, limited, throttled]);
    });
}
