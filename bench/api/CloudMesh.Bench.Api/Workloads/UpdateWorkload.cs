using System.Net;

namespace CloudMesh.Bench.Api.Workloads;

/// <summary>UpdateVirtualNode of a random node; each worker alternates between two specs so updates change the node.</summary>
internal sealed class UpdateWorkload(BenchFixture fixture) : Workload(fixture)
{
    /// <inheritdoc />
    public override async Task<HttpStatusCode> ExecuteOnceAsync(AppMeshClient client, WorkerContext worker, CancellationToken ct)
    {
        var node = RandomNode(worker);
        var variant = (int)(worker.Next() % 2) ^ 1;
        return (await client.SendAsync(HttpMethod.Put, Fixture.NodePath(node), NodeSpecs.UpdateBody(node, variant), ct)).Status;
    }
}
