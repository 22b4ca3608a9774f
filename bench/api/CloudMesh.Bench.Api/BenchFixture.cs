using System.Net;
using System.Text;

namespace CloudMesh.Bench.Api;

/// <summary>
/// The setup phase: a fresh mesh holding a known set of virtual nodes. Each run makes its own, so runs never see each
/// other's data (the create workload adds its nodes to its own mesh only).
/// </summary>
internal sealed class BenchFixture
{
    /// <summary>A fixture over an existing mesh and nodes (tests, or a caller that made them itself).</summary>
    internal BenchFixture(string meshName, IReadOnlyList<string> nodeNames)
    {
        MeshName = meshName;
        NodeNames = nodeNames;
    }

    /// <summary>The mesh every request of the run addresses.</summary>
    public string MeshName { get; }

    /// <summary>The nodes created in setup, all in <see cref="MeshName"/>.</summary>
    public IReadOnlyList<string> NodeNames { get; }

    /// <summary>Path of ListVirtualNodes and CreateVirtualNode in this mesh.</summary>
    public string NodesPath => $"/v20190125/meshes/{MeshName}/virtualNodes";

    /// <summary>Path of one node's Describe/Update.</summary>
    public string NodePath(string nodeName) => $"{NodesPath}/{nodeName}";

    /// <summary>
    /// Creates the mesh and <paramref name="nodes"/> nodes (in parallel, one client per lane), then checks a describe
    /// returns the node, so a misconfigured target fails here instead of producing a table of error rates.
    /// </summary>
    public static async Task<BenchFixture> CreateAsync(IReadOnlyList<AppMeshClient> clients, string runId, WorkloadKind workload, int nodes, CancellationToken ct)
    {
        var meshName = $"bench-{workload.Name()}-{runId}";
        await ExpectSuccessAsync(clients[0], HttpMethod.Put, "/v20190125/meshes", NodeSpecs.CreateMeshBody(meshName), "CreateMesh", ct);

        var fixture = new BenchFixture(meshName, [.. Enumerable.Range(0, nodes).Select(i => $"node-{i:D5}")]);
        var next = -1;
        await Task.WhenAll(clients.Select(async client =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < nodes)
            {
                var name = fixture.NodeNames[i];
                await ExpectSuccessAsync(client, HttpMethod.Put, fixture.NodesPath, NodeSpecs.CreateBody(name, 0), "CreateVirtualNode", ct);
            }
        }));

        if (nodes > 0)
        {
            var body = await ExpectSuccessAsync(clients[0], HttpMethod.Get, fixture.NodePath(fixture.NodeNames[0]), null, "DescribeVirtualNode", ct);
            if (!Encoding.UTF8.GetString(body).Contains($"\"{fixture.NodeNames[0]}\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"DescribeVirtualNode of {fixture.NodeNames[0]} did not return the node: {Encoding.UTF8.GetString(body)}");
            }
        }

        return fixture;
    }

    private static async Task<byte[]> ExpectSuccessAsync(AppMeshClient client, HttpMethod method, string path, byte[]? body, string operation, CancellationToken ct)
    {
        var (status, response) = await client.SendAsync(method, path, body, ct);
        return status is >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices
            ? response
            : throw new InvalidOperationException($"Setup failed: {operation} {path} returned {(int)status}: {Encoding.UTF8.GetString(response)}");
    }
}
