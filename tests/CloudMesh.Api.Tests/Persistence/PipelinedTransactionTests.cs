using CloudMesh.Api.Persistence;
using CloudMesh.TestSupport;
using Npgsql;
using Xunit;

namespace CloudMesh.Api.Tests.Persistence;

/// <summary>The two-round-trip transaction of the write path, against the real server.</summary>
public sealed class PipelinedTransactionTests : IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync("pipelined"));
        await using var create = _dataSource.CreateCommand("CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL)");
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task Results_arrive_in_queue_order_across_statements_without_rows_and_a_commit_keeps_the_writes()
    {
        var seen = new List<string>();
        await using (var tx = await PipelinedTransaction.StartAsync(_dataSource, CancellationToken.None))
        {
            tx.Execute("INSERT INTO items VALUES ($1, $2)", 1, "one");
            tx.Query("SELECT label FROM items WHERE id = $1", async (r, ct) => seen.Add(await r.ReadAsync(ct) ? r.GetString(0) : "none"), 1);
            tx.Query("SELECT pg_advisory_xact_lock(42)", null);
            tx.Query("SELECT label FROM items WHERE id = $1", async (r, ct) => seen.Add(await r.ReadAsync(ct) ? r.GetString(0) : "none"), 2);
            await tx.SendAsync(CancellationToken.None);
            Assert.Equal(["one", "none"], seen);

            tx.Execute("INSERT INTO items VALUES ($1, $2)", 2, "two");
            await tx.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(["one", "two"], await LabelsAsync());
        Assert.Equal(0L, await HeldAdvisoryLocksAsync()); // the transaction's lock ended with it
    }

    [Fact]
    public async Task A_transaction_disposed_without_commit_is_rolled_back_and_its_locks_released()
    {
        await using (var tx = await PipelinedTransaction.StartAsync(_dataSource, CancellationToken.None))
        {
            tx.Execute("INSERT INTO items VALUES ($1, $2)", 3, "three");
            tx.Query("SELECT pg_advisory_xact_lock(43)", null);
            await tx.SendAsync(CancellationToken.None);
            Assert.Equal(1L, await HeldAdvisoryLocksAsync());
        }

        Assert.Empty(await LabelsAsync());
        Assert.Equal(0L, await HeldAdvisoryLocksAsync());
    }

    [Fact]
    public async Task A_failing_statement_in_the_commit_batch_throws_and_nothing_of_the_transaction_is_kept()
    {
        await using (var tx = await PipelinedTransaction.StartAsync(_dataSource, CancellationToken.None))
        {
            tx.Execute("INSERT INTO items VALUES ($1, $2)", 4, "four");
            await tx.SendAsync(CancellationToken.None);
            tx.Execute("INSERT INTO items VALUES ($1, $2)", 5, "five");
            tx.Execute("INSERT INTO items VALUES ($1, $2)", 4, "again"); // primary key violation
            var error = await Assert.ThrowsAsync<PostgresException>(() => tx.CommitAsync(CancellationToken.None));
            Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        }

        Assert.Empty(await LabelsAsync());

        // The connection went back to the pool usable.
        await using (var tx = await PipelinedTransaction.StartAsync(_dataSource, CancellationToken.None))
        {
            tx.Execute("INSERT INTO items VALUES ($1, $2)", 6, "six");
            await tx.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(["six"], await LabelsAsync());
    }

    [Fact]
    public async Task Nothing_can_be_sent_after_the_commit()
    {
        await using var tx = await PipelinedTransaction.StartAsync(_dataSource, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => tx.SendAsync(CancellationToken.None));
    }

    private async Task<List<string>> LabelsAsync()
    {
        await using var cmd = _dataSource.CreateCommand("SELECT label FROM items ORDER BY id");
        await using var reader = await cmd.ExecuteReaderAsync();
        var labels = new List<string>();
        while (await reader.ReadAsync())
        {
            labels.Add(reader.GetString(0));
        }

        return labels;
    }

    private async Task<long> HeldAdvisoryLocksAsync()
    {
        await using var cmd = _dataSource.CreateCommand(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND a.datname = current_database()");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
