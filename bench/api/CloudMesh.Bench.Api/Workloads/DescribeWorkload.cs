using System.Net;

namespace CloudMesh.Bench.Api.Workloads;

/// <summary>DescribeVirtualNode of a random existing node.</summary>
internal sealed class DescribeWorkload(BenchFixture fixture) : Workload(fixture)
{
    /// <inheritdoc />
    public override async Task<HttpStatusCode> ExecuteOnceAsync(AppMeshClient client, WorkerContext worker, CancellationToken ct) =>
        (await client.SendAsync(HttpMethod.Get, Fixture.NodePath(RandomNode(worker)), null, ct)).Status;
}
