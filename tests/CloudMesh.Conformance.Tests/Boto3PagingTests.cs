using System.Text.Json.Nodes;
using CloudMesh.Conformance.Tests.Infrastructure;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Conformance.Tests;

/// <summary>Paging as boto3 drives it (scripts/paging.py): manual limit/nextToken, paginators, bad tokens, paging under writes.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class Boto3PagingTests(CloudMeshApiFixture api, ReportCache cache) : IClassFixture<ReportCache>
{
    [Fact]
    public async Task Every_limit_from_1_to_100_lists_every_item_exactly_once_in_one_stable_order()
    {
        var report = await ReportAsync();
        var expected = report.Strings("smallNames").Order(StringComparer.Ordinal).ToList();
        var byLimit = report.At("manualByLimit").AsObject();

        Assert.Equal(Enumerable.Range(1, 100).Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)), byLimit.Select(p => p.Key));
        foreach (var (limitText, pagesNode) in byLimit)
        {
            var limit = int.Parse(limitText, System.Globalization.CultureInfo.InvariantCulture);
            var pages = Pages(pagesNode!);
            Assert.True(pages.SkipLast(1).All(p => p.Count == limit), $"limit {limit}: every page but the last must be full: {Sizes(pages)}");
            Assert.True(pages[^1].Count is > 0 && pages[^1].Count <= limit, $"limit {limit}: last page size {pages[^1].Count}");
            var listed = pages.SelectMany(p => p).ToList();
            Assert.True(expected.SequenceEqual(listed), $"limit {limit}: listed [{string.Join(", ", listed)}]");
        }
    }

    [Fact]
    public async Task Without_a_limit_everything_comes_in_one_page()
    {
        var report = await ReportAsync();
        var pages = Pages(report.At("unlimited"));
        Assert.Single(pages);
        Assert.Equal(report.Strings("smallNames").Order(StringComparer.Ordinal), pages[0]);
    }

    [Theory]
    [InlineData("list_virtual_nodes", 5)]
    [InlineData("list_meshes", 2)]
    [InlineData("list_routes", 5)]
    [InlineData("list_tags_for_resource", 4)]
    public async Task Boto3_paginators_walk_every_listing_page_by_page(string operation, int pageSize)
    {
        var report = await ReportAsync();
        var pages = Pages(report.At("paginators." + operation));
        List<string> expected = operation switch
        {
            "list_virtual_nodes" => report.Strings("smallNames").Order(StringComparer.Ordinal).ToList(),
            "list_meshes" => ["page-extra-0", "page-extra-1", "page-extra-2", "page-extra-3", "page-small"],
            "list_routes" => report.Strings("routeNames"),
            // Tags keep the order in which they were added.
            _ => report.Strings("tagKeys"),
        };

        Assert.Equal(expected, pages.SelectMany(p => p));
        Assert.True(pages.SkipLast(1).All(p => p.Count == pageSize), $"{operation}: page sizes {Sizes(pages)}");
        Assert.Equal((expected.Count + pageSize - 1) / pageSize, pages.Count);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("other_mesh")]
    [InlineData("other_operation")]
    public async Task A_token_that_is_not_this_listings_is_a_BadRequest(string kind)
    {
        var result = (await ReportAsync()).At("tokens." + kind);
        Assert.Equal(("BadRequestException", 400L), (result["code"]?.GetValue<string>(), result.Int("status")));
    }

    [Fact]
    public async Task The_genuine_token_works()
    {
        Assert.Equal(200, (await ReportAsync()).At("tokens.genuine").Int("status"));
    }

    [Fact]
    public async Task Paging_while_other_nodes_are_created_and_deleted_skips_and_repeats_nothing()
    {
        var concurrent = (await ReportAsync()).At("concurrent");
        var stable = concurrent.Strings("stable");
        var pages = Pages(concurrent.At("pages"));
        var listed = pages.SelectMany(p => p).ToList();

        // Writes really happened between the pages.
        Assert.True(concurrent.Int("churn.rounds") >= pages.Count - 1, $"only {concurrent.Int("churn.rounds")} write rounds for {pages.Count} pages");
        Assert.True(concurrent.Int("churn.creates") > 0 && concurrent.Int("churn.deletes") > 0);
        Assert.Empty(concurrent.At("churn.errors").AsArray());

        Assert.All(pages.SkipLast(1), p => Assert.Equal(7, p.Count));
        var repeated = listed.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, "listed more than once: " + string.Join(", ", repeated));
        var missing = stable.Except(listed).ToList();
        Assert.True(missing.Count == 0, "nodes that existed throughout but were skipped: " + string.Join(", ", missing));
    }

    private static List<List<string>> Pages(JsonNode pages) =>
        pages.AsArray().Select(p => p!.AsArray().Select(n => n!.GetValue<string>()).ToList()).ToList();

    private static string Sizes(List<List<string>> pages) => string.Join(",", pages.Select(p => p.Count));

    private Task<JsonObject> ReportAsync() => cache.GetAsync("paging", async () =>
        await ExternalClients.RunScriptAsync("paging.py", api.Endpoint, [await api.CreateTenantAsync("paging")]));
}
