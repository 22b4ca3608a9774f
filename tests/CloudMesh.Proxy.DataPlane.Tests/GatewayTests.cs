using System.Net;
using CloudMesh.Proxy.DataPlane.Tests.Support;

namespace CloudMesh.Proxy.DataPlane.Tests;

/// <summary>Virtual gateway listeners with gateway routes: prefix and path rewrites, Host rewritten to the target service.</summary>
public sealed class GatewayTests
{
    [Fact]
    public async Task Gateway_routes_rewrite_prefix_path_and_host()
    {
        await using var api = await TestBackend.StartAsync("api");
        await using var web = await TestBackend.StartAsync("web");
        var state = new TestMesh()
            .Node("api", api.Port)
            .Node("web", web.Port)
            .ServiceOnNode("api.demo.local", "api")
            .ServiceOnNode("web.demo.local", "web")
            .Gateway("ingress", 8088)
            .GatewayRoute("ingress", "v2", """{"priority":1,"httpRoute":{"match":{"prefix":"/api/v1/"},"action":{"target":{"virtualService":{"virtualServiceName":"api.demo.local"}},"rewrite":{"prefix":{"value":"/v2/"}}}}}""")
            .GatewayRoute("ingress", "login", """{"priority":2,"httpRoute":{"match":{"path":{"exact":"/login"}},"action":{"target":{"virtualService":{"virtualServiceName":"web.demo.local"}},"rewrite":{"path":{"exact":"/auth/login"}}}}}""")
            .GatewayRoute("ingress", "static", """{"priority":3,"httpRoute":{"match":{"prefix":"/static/"},"action":{"target":{"virtualService":{"virtualServiceName":"web.demo.local"}},"rewrite":{"prefix":{"defaultPrefix":"DISABLED"},"hostname":{"defaultTargetHostname":"DISABLED"}}}}}""")
            .Compile("ingress", gateway: true);
        await using var proxy = await TestProxy.StartAsync(8088);
        await proxy.ApplyAsync(state);
        var gateway = proxy.Listener(8088);

        using var v2 = await proxy.GetAsync(gateway, "/api/v1/users?page=2", host: $"gw.example.com:{proxy.Ports[8088]}");
        Assert.Equal(HttpStatusCode.OK, v2.StatusCode);
        Assert.Equal("api", await v2.Content.ReadAsStringAsync());
        Assert.Equal("/v2/users?page=2", v2.Headers.GetValues("x-path").Single());
        Assert.Equal("api.demo.local", v2.Headers.GetValues("x-host").Single());

        using var login = await proxy.GetAsync(gateway, "/login", host: "gw.example.com");
        Assert.Equal("web", await login.Content.ReadAsStringAsync());
        Assert.Equal("/auth/login", login.Headers.GetValues("x-path").Single());

        using var kept = await proxy.GetAsync(gateway, "/static/app.js", host: "gw.example.com");
        Assert.Equal("/static/app.js", kept.Headers.GetValues("x-path").Single());
        Assert.Equal("gw.example.com", kept.Headers.GetValues("x-host").Single());

        using var none = await proxy.GetAsync(gateway, "/nothing", host: "gw.example.com");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }
}
