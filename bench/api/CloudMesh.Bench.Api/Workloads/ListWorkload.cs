using System.Net;

namespace CloudMesh.Bench.Api.Workloads;

/// <summary>ListVirtualNodes of the fixture's mesh, one page of up to 100 (the whole setup with the default 100 nodes).</summary>
internal sealed class ListWorkload(BenchFixture fixture) : Workload(fixture)
{
    /// <inheritdoc />
    public override async Task<HttpStatusCode> ExecuteOnceAsync(AppMeshClient client, WorkerContext worker, CancellationToken ct) =>
        (await client.SendAsync(HttpMethod.Get, Fixture.NodesPath + "?limit=100", null, ct)).Status;
}
