using System.Net;
using CloudMesh.Proxy.DataPlane.Tests.Support;

namespace CloudMesh.Proxy.DataPlane.Tests;

/// <summary>Ingress to the local app, egress by Host, route matching in priority order, weighted splits: real traffic over loopback.</summary>
public sealed class HttpRoutingTests
{
    [Fact]
    public async Task Ingress_listener_forwards_to_the_local_application()
    {
        await using var app = await TestBackend.StartAsync("front-app");
        var state = new TestMesh().Node("front", app.Port).Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        using var response = await proxy.GetAsync(proxy.Ingress, "/hello?x=1", host: "front.demo.local");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("front-app", await response.Content.ReadAsStringAsync());
        Assert.Equal("/hello?x=1", response.Headers.GetValues("x-path").Single());

        // Envoy keeps the client's Host.
        Assert.Equal("front.demo.local", response.Headers.GetValues("x-host").Single());
    }

    [Fact]
    public async Task Egress_listener_routes_by_host_and_answers_404_for_unknown_hosts_under_drop_all()
    {
        await using var back = await TestBackend.StartAsync("back-app");
        var state = new TestMesh()
            .Node("front", 18080, backends: ["back.demo.local"])
            .Node("back", back.Port)
            .ServiceOnNode("back.demo.local", "back")
            .Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        using var byName = await proxy.GetAsync(proxy.Egress, "/a", host: "back.demo.local");
        Assert.Equal("back-app", await byName.Content.ReadAsStringAsync());

        using var byNameAndPort = await proxy.GetAsync(proxy.Egress, "/b", host: $"back.demo.local:{back.Port}");
        Assert.Equal("back-app", await byNameAndPort.Content.ReadAsStringAsync());

        using var unknown = await proxy.GetAsync(proxy.Egress, "/", host: "elsewhere.example.com");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Egress_accepts_absolute_form_targets_so_apps_can_use_HTTP_PROXY()
    {
        await using var back = await TestBackend.StartAsync("back-app");
        var state = new TestMesh()
            .Node("front", 18080, backends: ["back.demo.local"])
            .Node("back", back.Port)
            .ServiceOnNode("back.demo.local", "back")
            .Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        using var client = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy(proxy.Egress), UseProxy = true });
        using var response = await client.GetAsync($"http://back.demo.local:{back.Port}/via-proxy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("back-app", await response.Content.ReadAsStringAsync());
        Assert.Equal("/via-proxy", response.Headers.GetValues("x-path").Single());
    }

    [Fact]
    public async Task Routes_match_in_priority_order_on_path_headers_method_and_query()
    {
        string[] names = ["exact", "regex", "header", "range", "method", "query", "fallback"];
        var backends = new Dictionary<string, TestBackend>();
        foreach (var name in names)
        {
            backends[name] = await TestBackend.StartAsync(name);
        }

        try
        {
            var mesh = new TestMesh().Node("front", 18080, backends: ["svc.demo.local"]).ServiceOnRouter("svc.demo.local", "router", 8080);
            foreach (var name in names)
            {
                mesh.Node(name, backends[name].Port);
            }

            static string Route(int priority, string match, string target) =>
                $$$$"""{"priority":{{{{priority}}}},"httpRoute":{"match":{{{{match}}}},"action":{"weightedTargets":[{"virtualNode":"{{{{target}}}}","weight":1}]}}}""";
            mesh.Route("router", "r-exact", Route(1, """{"path":{"exact":"/exact"}}""", "exact"))
                .Route("router", "r-regex", Route(2, """{"path":{"regex":"/items/[0-9]+"}}""", "regex"))
                .Route("router", "r-header", Route(3, """{"prefix":"/","headers":[{"name":"x-tenant","match":{"prefix":"gold"}},{"name":"x-beta","invert":true,"match":{"exact":"yes"}}]}""", "header"))
                .Route("router", "r-range", Route(4, """{"prefix":"/","headers":[{"name":"x-version","match":{"range":{"start":2,"end":5}}}]}""", "range"))
                .Route("router", "r-method", Route(5, """{"prefix":"/","method":"POST"}""", "method"))
                .Route("router", "r-query", Route(6, """{"prefix":"/search","queryParameters":[{"name":"q","match":{"exact":"mesh"}}]}""", "query"))
                .Route("router", "r-fallback", Route(7, """{"prefix":"/"}""", "fallback"));
            await using var proxy = await TestProxy.StartAsync();
            await proxy.ApplyAsync(mesh.Compile("front"));

            async Task<string> Call(string path, HttpMethod? method = null, params (string Name, string Value)[] headers)
            {
                var request = new HttpRequestMessage(method ?? HttpMethod.Get, new Uri(proxy.Egress, path));
                request.Headers.Host = "svc.demo.local";
                foreach (var (name, value) in headers)
                {
                    request.Headers.Add(name, value);
                }

                using var response = await proxy.Client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await response.Content.ReadAsStringAsync();
            }

            Assert.Equal("exact", await Call("/exact"));
            Assert.Equal("fallback", await Call("/exact/more"));
            Assert.Equal("regex", await Call("/items/42"));
            Assert.Equal("fallback", await Call("/items/4x"));
            Assert.Equal("header", await Call("/x", null, ("x-tenant", "gold-1")));
            Assert.Equal("fallback", await Call("/x", null, ("x-tenant", "gold-1"), ("x-beta", "yes")));
            Assert.Equal("range", await Call("/x", null, ("x-version", "4")));
            Assert.Equal("fallback", await Call("/x", null, ("x-version", "5")));
            Assert.Equal("method", await Call("/x", HttpMethod.Post));
            Assert.Equal("query", await Call("/search?q=mesh"));
            Assert.Equal("fallback", await Call("/search?q=other"));
        }
        finally
        {
            foreach (var backend in backends.Values)
            {
                await backend.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Weighted_targets_split_traffic_90_10()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var v2 = await TestBackend.StartAsync("v2");
        var state = new TestMesh()
            .Node("front", 18080, backends: ["svc.demo.local"])
            .Node("v1", v1.Port)
            .Node("v2", v2.Port)
            .ServiceOnRouter("svc.demo.local", "router", 8080)
            .Route("router", "split", """{"httpRoute":{"match":{"prefix":"/"},"action":{"weightedTargets":[{"virtualNode":"v1","weight":90},{"virtualNode":"v2","weight":10}]}}}""")
            .Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        const int total = 3000;
        var counts = new Dictionary<string, int> { ["v1"] = 0, ["v2"] = 0 };
        for (var i = 0; i < total; i++)
        {
            using var response = await proxy.GetAsync(proxy.Egress, "/", host: "svc.demo.local");
            counts[await response.Content.ReadAsStringAsync()]++;
        }

        // 10% of 3000 is 300 with a standard deviation of about 16: ±90 is more than 5 sigma.
        Assert.InRange(counts["v2"], 210, 390);
        Assert.Equal(total, counts["v1"] + counts["v2"]);
    }
}
