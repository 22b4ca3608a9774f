using Npgsql;

namespace CloudMesh.Api.Persistence;

/// <summary>
/// A database transaction whose statements are queued and sent in batches, so that a write costs two round trips
/// whatever it checks: one batch (opened by <c>BEGIN</c>) takes the locks and reads what the rules need, the caller
/// decides, and a second batch writes and ends with <c>COMMIT</c>. Ending the last batch with the commit is what keeps
/// row locks taken by its writes (a quota counter, say) from being held across a client round trip.
/// </summary>
/// <remarks>
/// Not thread-safe: one request owns it. Results are delivered by the callbacks given when queueing, in queue order,
/// when the batch holding them is sent. A statement that fails aborts the transaction (PostgreSQL skips the rest of
/// the batch); disposing an uncommitted transaction rolls it back.
/// </remarks>
public sealed class PipelinedTransaction : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly List<(NpgsqlBatchCommand Command, bool ReturnsRows, Func<NpgsqlDataReader, CancellationToken, Task>? Read)> _queued = [];
    private bool _begun;
    private bool _finished;

    private PipelinedTransaction(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Opens a connection for a new transaction (nothing is sent until the first batch).</summary>
    public static async Task<PipelinedTransaction> StartAsync(NpgsqlDataSource dataSource, CancellationToken ct) =>
        new(await dataSource.OpenConnectionAsync(ct));

    /// <summary>Queues a statement that returns no rows (INSERT, UPDATE or DELETE without RETURNING).</summary>
    /// <param name="sql">SQL with positional parameters (<c>$1</c>...), so Npgsql sends it without rewriting.</param>
    /// <param name="parameters">The parameter values, in order.</param>
    public void Execute(string sql, params object[] parameters) => Queue(sql, parameters, returnsRows: false, null);

    /// <summary>
    /// Queues a statement that returns rows (a SELECT, even of a void function such as a lock, or RETURNING);
    /// <paramref name="read"/>, when given, gets them when the batch is sent. Npgsql's reader steps only through
    /// statements that return rows, which is why every statement declares which kind it is.
    /// </summary>
    public void Query(string sql, Func<NpgsqlDataReader, CancellationToken, Task>? read, params object[] parameters) =>
        Queue(sql, parameters, returnsRows: true, read);

    /// <summary>Sends what is queued (after <c>BEGIN</c> the first time) and delivers the results.</summary>
    public Task SendAsync(CancellationToken ct) => SendCoreAsync(commit: false, ct);

    /// <summary>Sends what is queued followed by <c>COMMIT</c>, in one round trip.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        await SendCoreAsync(commit: true, ct);
        _finished = true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_begun && !_finished && _connection.State == System.Data.ConnectionState.Open)
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", _connection);
                await rollback.ExecuteNonQueryAsync();
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // A broken connection is discarded by the pool, and PostgreSQL rolls back what it held.
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }

    private void Queue(string sql, object[] parameters, bool returnsRows, Func<NpgsqlDataReader, CancellationToken, Task>? read)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        _queued.Add((command, returnsRows, read));
    }

    private async Task SendCoreAsync(bool commit, CancellationToken ct)
    {
        if (_finished)
        {
            throw new InvalidOperationException("The transaction has already been committed.");
        }

        await using var batch = new NpgsqlBatch(_connection);
        if (!_begun)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        }

        var reads = new List<Func<NpgsqlDataReader, CancellationToken, Task>?>();
        foreach (var (command, returnsRows, read) in _queued)
        {
            batch.BatchCommands.Add(command);
            if (returnsRows)
            {
                reads.Add(read);
            }
        }

        if (commit)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        }

        _queued.Clear();
        _begun = true;
        // The reader starts on the first statement that returns rows; each NextResult moves to the next such one (a
        // failed statement throws from the call that reaches it).
        await using var reader = await batch.ExecuteReaderAsync(ct);
        foreach (var read in reads)
        {
            if (read is not null)
            {
                await read(reader, ct);
            }

            await reader.NextResultAsync(ct);
        }
    }
}
