using System.Net;
using CloudMesh.ControlPlane.Tests.Support;

namespace CloudMesh.ControlPlane.Tests.Integration;

public sealed class OperatorAccessTests
{
    [Fact]
    public async Task The_operator_predicate_guards_debug_and_metrics_endpoints()
    {
        await using ControlPlaneHost host = await ControlPlaneHost.StartAsync(options =>
            options.AuthorizeOperator = http => http.Request.Headers.Authorization == "Bearer admin-secret");

        foreach (string path in (string[])["/debug/proxies", "/debug/config_dump?node=x", "/metrics"])
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync(path)).StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Authorization", "Bearer admin-secret");
            Assert.NotEqual(HttpStatusCode.Unauthorized, (await host.Http.SendAsync(request)).StatusCode);
        }
    }
}
