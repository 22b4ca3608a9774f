using System.Net;
using CloudMesh.Proxy.DataPlane.Tests.Support;
using CloudMesh.TestSupport;

namespace CloudMesh.Proxy.DataPlane.Tests;

/// <summary>Applying new configuration never fails a request in flight or arriving meanwhile.</summary>
public sealed class ConfigSwapTests
{
    [Fact]
    public async Task Changing_weights_twenty_times_under_concurrent_load_fails_no_request()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var v2 = await TestBackend.StartAsync("v2");
        TestMesh Mesh(int w1, int w2) => new TestMesh()
            .Node("front", 18080, backends: ["svc.demo.local"])
            .Node("v1", v1.Port)
            .Node("v2", v2.Port)
            .ServiceOnRouter("svc.demo.local", "router", 8080)
            .Route("router", "split", $$$$"""{"httpRoute":{"match":{"prefix":"/"},"action":{"weightedTargets":[{"virtualNode":"v1","weight":{{{{w1}}}}},{"virtualNode":"v2","weight":{{{{w2}}}}}]}}}""");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(Mesh(50, 50).Compile("front"));

        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var completed = 0;
        var load = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await proxy.GetAsync(proxy.Egress, "/", host: "svc.demo.local");
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.OK || body is not ("v1" or "v2"))
                    {
                        lock (failures)
                        {
                            failures.Add($"{(int)response.StatusCode} {body}");
                        }
                    }
                }
                catch (HttpRequestException e)
                {
                    lock (failures)
                    {
                        failures.Add(e.Message);
                    }
                }

                Interlocked.Increment(ref completed);
            }
        })).ToArray();

        for (var i = 1; i <= 20; i++)
        {
            await proxy.ApplyAsync(Mesh(i * 5, 100 - (i * 5)).Compile("front"));
            var before = Volatile.Read(ref completed);
            await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref completed) >= before + 20), "requests keep flowing between swaps");
        }

        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        Assert.True(completed > 400, $"only {completed} requests ran");

        // The last configuration (100/0) is in force: no request reaches v2 any more.
        var v2Before = v2.Requests;
        for (var i = 0; i < 20; i++)
        {
            using var response = await proxy.GetAsync(proxy.Egress, "/", host: "svc.demo.local");
            Assert.Equal("v1", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(v2Before, v2.Requests);
    }
}
