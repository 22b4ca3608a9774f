using System.Data;
using System.Text.Json;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Sources;
using Npgsql;

namespace CloudMesh.ControlPlane.Postgres;

/// <summary>
/// Loads a tenant's mesh from the API's <c>resources</c> table and the live endpoint registrations, in
/// one read-only REPEATABLE READ transaction so the snapshot is one committed moment.
/// </summary>
public sealed class PostgresMeshSnapshotLoader(NpgsqlDataSource dataSource, ControlPlaneStoreOptions options) : IMeshSnapshotLoader
{
    // Ordered so that every list of the snapshot comes out sorted as MeshSnapshot documents.
    private const string ResourcesSql = """
        SELECT kind, parent_name, name, version, spec::text
          FROM resources
         WHERE account_id = $1 AND mesh_name = $2
         ORDER BY kind, parent_name, name
        """;

    // Expired proxy leases are invisible even before the sweeper deletes them.
    private const string InstancesSql = """
        SELECT virtual_node_name, instance_id, address, port, healthy, attributes::text
          FROM endpoint_instances
         WHERE account_id = $1 AND mesh_name = $2 AND (expires_at IS NULL OR expires_at > now())
         ORDER BY virtual_node_name, instance_id
        """;

    /// <inheritdoc />
    public async ValueTask<MeshSnapshot?> LoadAsync(string accountId, string meshName, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(ResourcesSql) { Parameters = { new() { Value = accountId }, new() { Value = meshName } } },
                new NpgsqlBatchCommand(InstancesSql) { Parameters = { new() { Value = accountId }, new() { Value = meshName } } },
            },
        };

        MeshResource? mesh = null;
        var byKind = new Dictionary<string, List<MeshResource>>(StringComparer.Ordinal);
        var instances = new List<EndpointInstance>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var kind = reader.GetString(0);
                var resource = new MeshResource(reader.GetString(2), reader.GetString(1), reader.GetInt64(3), ParseSpec(reader.GetString(4)));
                if (kind == "mesh")
                {
                    mesh = resource;
                }
                else
                {
                    (byKind.TryGetValue(kind, out var list) ? list : byKind[kind] = []).Add(resource);
                }
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                instances.Add(new EndpointInstance(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetBoolean(4),
                    JsonSerializer.Deserialize(reader.GetString(5), RegistryJsonContext.Default.DictionaryStringString) ?? []));
            }
        }

        await tx.CommitAsync(cancellationToken);
        if (mesh is null)
        {
            return null;
        }

        IReadOnlyList<MeshResource> Of(string kind) => byKind.TryGetValue(kind, out var list) ? list : [];
        return new MeshSnapshot(accountId, options.Region, mesh,
            Of("virtualNode"), Of("virtualService"), Of("virtualRouter"), Of("route"),
            Of("virtualGateway"), Of("gatewayRoute"), instances);
    }

    // Cloned out of its document so the snapshot owns its memory and the document can be returned to the pool.
    private static JsonElement ParseSpec(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
