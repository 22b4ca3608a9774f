using System.Globalization;
using System.Net;

namespace CloudMesh.Bench.Api.Workloads;

/// <summary>CreateVirtualNode with a name no one has used: run id, worker index and the worker's sequence number.</summary>
internal sealed class CreateWorkload(BenchFixture fixture, string runId) : Workload(fixture)
{
    /// <inheritdoc />
    public override async Task<HttpStatusCode> ExecuteOnceAsync(AppMeshClient client, WorkerContext worker, CancellationToken ct)
    {
        var node = string.Create(CultureInfo.InvariantCulture, $"new-{runId}-{worker.Index}-{worker.Next()}");
        return (await client.SendAsync(HttpMethod.Put, Fixture.NodesPath, NodeSpecs.CreateBody(node, 0), ct)).Status;
    }
}
