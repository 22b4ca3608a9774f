using System.Text.Json.Nodes;
using Npgsql;

namespace CloudMesh.Fuzz.Tests.Oracle;

/// <summary>Reads a tenant's resources straight from the server's database, bypassing the API under test.</summary>
internal static class DatabaseRows
{
    public static async Task<List<StoredRow>> ReadAsync(string connectionString, string accountId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT kind, mesh_name, parent_name, name, spec::text, tags::text, refs, version, uid, updated_at::text
            FROM resources WHERE account_id = @account ORDER BY kind, mesh_name, parent_name, name
            """, connection);
        command.Parameters.AddWithValue("account", accountId);
        var rows = new List<StoredRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredRow(
                new StoredKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)),
                JsonNode.Parse(reader.GetString(4))!.AsObject(),
                reader.GetString(5),
                reader.GetFieldValue<string[]>(6),
                reader.GetInt64(7),
                reader.GetString(8),
                reader.GetString(9)));
        }

        return rows;
    }

    /// <summary>Accounts other than <paramref name="known"/> that own resources (there should be none).</summary>
    public static async Task<List<string>> OtherOwnersAsync(string connectionString, IReadOnlyCollection<string> known)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT DISTINCT account_id FROM resources", connection);
        var owners = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            owners.Add(reader.GetString(0));
        }

        return owners.Where(o => !known.Contains(o)).ToList();
    }
}
