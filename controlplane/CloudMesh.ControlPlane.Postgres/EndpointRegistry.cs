using System.Text.Json;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Sources;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudMesh.ControlPlane.Postgres;

/// <summary>
/// The endpoint registry (the role AWS Cloud Map played for App Mesh): instances registered through the
/// registry API, which persist, and instances announced by connected proxies, which live on a lease
/// renewed by the replica holding the proxy's stream. Every statement names the tenant explicitly.
/// </summary>
public sealed class EndpointRegistry(
    NpgsqlDataSource dataSource,
    ControlPlaneStoreOptions options,
    TimeProvider time,
    ILogger<EndpointRegistry> logger) : IEndpointRegistrar
{
    private const string Columns = "mesh_name, virtual_node_name, instance_id, address, port, healthy, attributes::text, source, created_at, updated_at";
    private const string InstanceColumns = "i.mesh_name, i.virtual_node_name, i.instance_id, i.address, i.port, i.healthy, i.attributes::text, i.source, i.created_at, i.updated_at";

    // FOR KEY SHARE on the node's row: a concurrent DeleteVirtualNode waits for this insert to commit,
    // and its trigger then deletes the instance, so no instance outlives its node.
    private const string UpsertSql = $"""
        INSERT INTO endpoint_instances AS i
               (account_id, mesh_name, virtual_node_name, instance_id, address, port, healthy, attributes,
                source, replica_id, expires_at, created_at, updated_at)
        SELECT $1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $12
         WHERE EXISTS (SELECT 1 FROM resources
                        WHERE account_id = $1 AND kind = 'virtualNode' AND mesh_name = $2 AND parent_name = '' AND name = $3
                          FOR KEY SHARE)
        ON CONFLICT (account_id, mesh_name, virtual_node_name, instance_id) DO UPDATE
           SET address = EXCLUDED.address, port = EXCLUDED.port, healthy = EXCLUDED.healthy,
               attributes = EXCLUDED.attributes, source = EXCLUDED.source, replica_id = EXCLUDED.replica_id,
               expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at
        RETURNING {Columns}
        """;

    /// <summary>
    /// Registers or replaces an instance through the registry API (no expiry). Null when the virtual node
    /// does not exist.
    /// </summary>
    public async Task<RegisteredInstance?> PutAsync(
        string accountId, string meshName, string virtualNodeName, string instanceId, string address, int port,
        bool healthy, IReadOnlyDictionary<string, string> attributes, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(UpsertSql);
        AddUpsertParameters(cmd, accountId, meshName, virtualNodeName, instanceId, address, port, healthy, attributes, "api", null, null);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Removes an instance; returns it, or null when there was none.</summary>
    public async Task<RegisteredInstance?> DeleteAsync(string accountId, string meshName, string virtualNodeName, string instanceId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            DELETE FROM endpoint_instances
             WHERE account_id = $1 AND mesh_name = $2 AND virtual_node_name = $3 AND instance_id = $4
            RETURNING {Columns}
            """);
        cmd.Parameters.Add(new() { Value = accountId });
        cmd.Parameters.Add(new() { Value = meshName });
        cmd.Parameters.Add(new() { Value = virtualNodeName });
        cmd.Parameters.Add(new() { Value = instanceId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>
    /// The live instances of a virtual node ordered by id, or null when the virtual node does not exist.
    /// </summary>
    public async Task<IReadOnlyList<RegisteredInstance>?> ListAsync(string accountId, string meshName, string virtualNodeName, CancellationToken ct)
    {
        // One statement: the node's existence and its instances from the same snapshot.
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {InstanceColumns}
              FROM resources r
              LEFT JOIN endpoint_instances i
                ON i.account_id = r.account_id AND i.mesh_name = r.mesh_name AND i.virtual_node_name = r.name
               AND (i.expires_at IS NULL OR i.expires_at > now())
             WHERE r.account_id = $1 AND r.kind = 'virtualNode' AND r.mesh_name = $2 AND r.parent_name = '' AND r.name = $3
             ORDER BY i.instance_id
            """);
        cmd.Parameters.Add(new() { Value = accountId });
        cmd.Parameters.Add(new() { Value = meshName });
        cmd.Parameters.Add(new() { Value = virtualNodeName });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        List<RegisteredInstance>? result = null;
        while (await reader.ReadAsync(ct))
        {
            result ??= [];
            if (!reader.IsDBNull(2))
            {
                result.Add(Read(reader));
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async ValueTask RegisterAsync(ProxyIdentity proxy, string instanceId, string address, int port, CancellationToken cancellationToken)
    {
        if (proxy.Kind != ProxyKind.VirtualNode)
        {
            return; // gateways are entry points, never EDS targets
        }

        await using var cmd = dataSource.CreateCommand(UpsertSql);
        AddUpsertParameters(cmd, proxy.AccountId, proxy.MeshName, proxy.Name, instanceId, address, port, true,
            new Dictionary<string, string>(), "proxy", options.ReplicaId, time.GetUtcNow() + options.LeaseDuration);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            logger.LogInformation("Proxy {Proxy} announced instance {Instance}, but its virtual node does not exist; not registered", proxy, instanceId);
        }
    }

    /// <inheritdoc />
    public async ValueTask DeregisterAsync(ProxyIdentity proxy, string instanceId, CancellationToken cancellationToken)
    {
        // Only this replica's lease: if the proxy already reconnected elsewhere, that registration stays.
        await using var cmd = dataSource.CreateCommand("""
            DELETE FROM endpoint_instances
             WHERE account_id = $1 AND mesh_name = $2 AND virtual_node_name = $3 AND instance_id = $4
               AND source = 'proxy' AND replica_id = $5
            """);
        cmd.Parameters.Add(new() { Value = proxy.AccountId });
        cmd.Parameters.Add(new() { Value = proxy.MeshName });
        cmd.Parameters.Add(new() { Value = proxy.Name });
        cmd.Parameters.Add(new() { Value = instanceId });
        cmd.Parameters.Add(new() { Value = options.ReplicaId });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes expired leases (of any replica: a crashed one cannot); the delete notifies the affected meshes.</summary>
    public async Task<int> SweepExpiredAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM endpoint_instances WHERE expires_at <= $1");
        cmd.Parameters.Add(new() { Value = time.GetUtcNow() });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private void AddUpsertParameters(
        NpgsqlCommand cmd, string accountId, string meshName, string virtualNodeName, string instanceId, string address,
        int port, bool healthy, IReadOnlyDictionary<string, string> attributes, string source, string? replicaId, DateTimeOffset? expiresAt)
    {
        cmd.Parameters.Add(new() { Value = accountId });
        cmd.Parameters.Add(new() { Value = meshName });
        cmd.Parameters.Add(new() { Value = virtualNodeName });
        cmd.Parameters.Add(new() { Value = instanceId });
        cmd.Parameters.Add(new() { Value = address });
        cmd.Parameters.Add(new() { Value = port });
        cmd.Parameters.Add(new() { Value = healthy });
        cmd.Parameters.Add(new() { Value = JsonSerializer.Serialize(ToDictionary(attributes), RegistryJsonContext.Default.DictionaryStringString) });
        cmd.Parameters.Add(new() { Value = source });
        cmd.Parameters.Add(new() { Value = (object?)replicaId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)expiresAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = time.GetUtcNow() });
    }

    private static Dictionary<string, string> ToDictionary(IReadOnlyDictionary<string, string> attributes) =>
        attributes as Dictionary<string, string> ?? attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);

    private static RegisteredInstance Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetBoolean(5),
        JsonSerializer.Deserialize(reader.GetString(6), RegistryJsonContext.Default.DictionaryStringString) ?? [],
        reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9));
}
