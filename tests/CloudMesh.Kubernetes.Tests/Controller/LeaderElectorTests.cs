using CloudMesh.Kubernetes.Client;
using CloudMesh.Kubernetes.Controller;
using CloudMesh.Kubernetes.Tests.Fakes;
using CloudMesh.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CloudMesh.Kubernetes.Tests.Controller;

/// <summary>Leader election over a Lease on the fake API server (no real one can run here).</summary>
public sealed class LeaderElectorTests : IAsyncLifetime
{
    private FakeKubernetesApiServer _server = null!;
    private KubernetesClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubernetesApiServer.StartAsync(LeaderElector.Leases);
        _client = new KubernetesClient(_server.ClientOptions);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private LeaderElector Elector(string identity, TimeSpan? leaseDuration = null) => new(_client, new LeaderElectionOptions
    {
        Namespace = "cloudmesh-system",
        Identity = identity,
        LeaseDuration = leaseDuration ?? TimeSpan.FromSeconds(15),
        RenewDeadline = TimeSpan.FromSeconds(1),
        RetryPeriod = TimeSpan.FromMilliseconds(100),
    }, NullLogger.Instance);

    [Fact]
    public async Task One_candidate_leads_and_the_other_takes_over_when_it_releases()
    {
        var first = Elector("pod-a");
        var second = Elector("pod-b");
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();

        var firstLost = await first.AcquireAsync(stopFirst.Token);
        var secondAcquire = second.AcquireAsync(stopSecond.Token);
        await Task.Delay(500);
        Assert.True(first.IsLeader);
        Assert.False(secondAcquire.IsCompleted);
        var lease = _server.Get(LeaderElector.Leases, "cloudmesh-system", "cloudmesh-controller-leader")!;
        Assert.Equal("pod-a", lease["spec"]!["holderIdentity"]!.GetValue<string>());

        await stopFirst.CancelAsync(); // a graceful stop releases the lease
        await Eventually.TrueAsync(() => firstLost.IsCancellationRequested, "first gave up");
        var secondLost = await secondAcquire.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(second.IsLeader);
        Assert.False(secondLost.IsCancellationRequested);
        lease = _server.Get(LeaderElector.Leases, "cloudmesh-system", "cloudmesh-controller-leader")!;
        Assert.Equal("pod-b", lease["spec"]!["holderIdentity"]!.GetValue<string>());
        Assert.Equal(1, lease["spec"]!["leaseTransitions"]!.GetValue<int>());
        await stopSecond.CancelAsync();
    }

    [Fact]
    public async Task An_expired_lease_is_taken_over()
    {
        _server.Create(LeaderElector.Leases, System.Text.Json.Nodes.JsonNode.Parse("""
            {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
             "metadata": {"name": "cloudmesh-controller-leader", "namespace": "cloudmesh-system"},
             "spec": {"holderIdentity": "crashed-pod", "leaseDurationSeconds": 1, "renewTime": "2020-01-01T00:00:00.000000Z", "leaseTransitions": 3}}
            """)!.AsObject());
        using var stop = new CancellationTokenSource();

        await Elector("pod-c").AcquireAsync(stop.Token).WaitAsync(TimeSpan.FromSeconds(30));

        var lease = _server.Get(LeaderElector.Leases, "cloudmesh-system", "cloudmesh-controller-leader")!;
        Assert.Equal("pod-c", lease["spec"]!["holderIdentity"]!.GetValue<string>());
        Assert.Equal(4, lease["spec"]!["leaseTransitions"]!.GetValue<int>());
        await stop.CancelAsync();
    }
}
