using System.Net;

namespace CloudMesh.Bench.Api.Workloads;

/// <summary>One kind of request, issued over and over by every worker. Implementations are stateless and thread-safe.</summary>
internal abstract class Workload(BenchFixture fixture)
{
    /// <summary>The mesh and nodes the workload addresses.</summary>
    protected BenchFixture Fixture => fixture;

    /// <summary>Issues one request and returns its status.</summary>
    public abstract Task<HttpStatusCode> ExecuteOnceAsync(AppMeshClient client, WorkerContext worker, CancellationToken ct);

    /// <summary>The workload for <paramref name="kind"/> over <paramref name="fixture"/>.</summary>
    public static Workload For(WorkloadKind kind, BenchFixture fixture, string runId) => kind switch
    {
        WorkloadKind.Describe => new DescribeWorkload(fixture),
        WorkloadKind.List => new ListWorkload(fixture),
        WorkloadKind.Update => new UpdateWorkload(fixture),
        WorkloadKind.Create => new CreateWorkload(fixture, runId),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A random node of the fixture.</summary>
    protected string RandomNode(WorkerContext worker) => fixture.NodeNames[worker.Random.Next(fixture.NodeNames.Count)];
}
