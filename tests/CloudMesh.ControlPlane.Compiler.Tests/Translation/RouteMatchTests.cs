using System.Text.Json;
using CloudMesh.ControlPlane.Compiler.Emit;
using CloudMesh.ControlPlane.Compiler.Specs;
using Envoy.Config.Route.V3;

namespace CloudMesh.ControlPlane.Compiler.Tests.Translation;

public sealed class RouteMatchTests
{
    [Theory]
    [InlineData("""{"name":"X-Exact","match":{"exact":"yes"}}""", "x-exact", HeaderMatcher.HeaderMatchSpecifierOneofCase.StringMatch, """{ "exact": "yes" }""", false)]
    [InlineData("""{"name":"p","match":{"prefix":"abc"}}""", "p", HeaderMatcher.HeaderMatchSpecifierOneofCase.StringMatch, """{ "prefix": "abc" }""", false)]
    [InlineData("""{"name":"s","match":{"suffix":".json"}}""", "s", HeaderMatcher.HeaderMatchSpecifierOneofCase.StringMatch, """{ "suffix": ".json" }""", false)]
    [InlineData("""{"name":"r","match":{"regex":"v[0-9]+"}}""", "r", HeaderMatcher.HeaderMatchSpecifierOneofCase.StringMatch, """{ "safeRegex": { "regex": "v[0-9]+" } }""", false)]
    [InlineData("""{"name":"n","match":{"range":{"start":1,"end":100}}}""", "n", HeaderMatcher.HeaderMatchSpecifierOneofCase.RangeMatch, """{ "start": "1", "end": "100" }""", false)]
    [InlineData("""{"name":"i","invert":true,"match":{"exact":"beta"}}""", "i", HeaderMatcher.HeaderMatchSpecifierOneofCase.StringMatch, """{ "exact": "beta" }""", true)]
    [InlineData("""{"name":"present"}""", "present", HeaderMatcher.HeaderMatchSpecifierOneofCase.PresentMatch, "true", false)]
    [InlineData("""{"name":"absent","invert":true}""", "absent", HeaderMatcher.HeaderMatchSpecifierOneofCase.PresentMatch, "true", true)]
    public void Header_matches_translate_to_envoy_matchers(string spec, string name, HeaderMatcher.HeaderMatchSpecifierOneofCase kind, string value, bool inverted)
    {
        using var json = JsonDocument.Parse(spec);
        var condition = HeaderCondition.Parse(json.RootElement, json.RootElement.GetProperty("name").GetString()!);

        var header = RouteMatches.Header(condition);

        Assert.Equal(name, header.Name);
        Assert.Equal(kind, header.HeaderMatchSpecifierCase);
        Assert.Equal(inverted, header.InvertMatch);
        var actual = kind switch
        {
            HeaderMatcher.HeaderMatchSpecifierOneofCase.StringMatch => header.StringMatch.ToString(),
            HeaderMatcher.HeaderMatchSpecifierOneofCase.RangeMatch => header.RangeMatch.ToString(),
            _ => header.PresentMatch ? "true" : "false",
        };
        Assert.Equal(value, actual);
    }

    [Fact]
    public void Method_scheme_and_query_parameters_become_pseudo_headers_and_query_matchers()
    {
        using var json = JsonDocument.Parse("""{"prefix":"/orders","method":"POST","scheme":"https","queryParameters":[{"name":"tenant","match":{"exact":"blue"}},{"name":"debug"}]}""");

        var match = RouteMatches.Build(RequestMatch.ParseHttp(json.RootElement));

        Assert.Equal("/orders", match.Prefix);
        Assert.Equal([":method=POST", ":scheme=https"], match.Headers.Select(h => $"{h.Name}={h.StringMatch.Exact}"));
        Assert.Equal("blue", match.QueryParameters[0].StringMatch.Exact);
        Assert.True(match.QueryParameters[1].PresentMatch);
    }

    [Theory]
    [InlineData("""{"path":{"exact":"/healthz"}}""", RouteMatch.PathSpecifierOneofCase.Path, "/healthz")]
    [InlineData("""{"path":{"regex":"/items/[0-9]+"}}""", RouteMatch.PathSpecifierOneofCase.SafeRegex, "/items/[0-9]+")]
    [InlineData("""{"prefix":"/api/"}""", RouteMatch.PathSpecifierOneofCase.Prefix, "/api/")]
    [InlineData("""{"headers":[{"name":"x"}]}""", RouteMatch.PathSpecifierOneofCase.Prefix, "/")]
    public void Http_paths_translate(string spec, RouteMatch.PathSpecifierOneofCase kind, string value)
    {
        using var json = JsonDocument.Parse(spec);

        var match = RouteMatches.Build(RequestMatch.ParseHttp(json.RootElement));

        Assert.Equal(kind, match.PathSpecifierCase);
        Assert.Equal(value, kind switch
        {
            RouteMatch.PathSpecifierOneofCase.Path => match.Path,
            RouteMatch.PathSpecifierOneofCase.SafeRegex => match.SafeRegex.Regex,
            _ => match.Prefix,
        });
    }

    [Theory]
    [InlineData("""{"serviceName":"shop.Orders","methodName":"Get"}""", RouteMatch.PathSpecifierOneofCase.Path, "/shop.Orders/Get")]
    [InlineData("""{"serviceName":"shop.Orders"}""", RouteMatch.PathSpecifierOneofCase.Prefix, "/shop.Orders/")]
    [InlineData("""{}""", RouteMatch.PathSpecifierOneofCase.Prefix, "/")]
    public void Grpc_service_and_method_become_paths(string spec, RouteMatch.PathSpecifierOneofCase kind, string value)
    {
        using var json = JsonDocument.Parse(spec);

        var match = RouteMatches.Build(RequestMatch.ParseGrpc(json.RootElement));

        Assert.Equal(kind, match.PathSpecifierCase);
        Assert.Equal(value, kind == RouteMatch.PathSpecifierOneofCase.Path ? match.Path : match.Prefix);
    }
}
