using System.Globalization;
using Npgsql;

namespace CloudMesh.EmbeddedPostgres;

/// <summary>
/// A PostgreSQL server on 127.0.0.1 run from the machine's server binaries: created on first start,
/// restarted or attached to when persistent, deleted on dispose when throwaway.
/// </summary>
/// <remarks>Safe to use from several threads for <see cref="CreateDatabaseAsync"/>; start and stop are not meant to race each other.</remarks>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string LogFileName = "postgres.log";
    private const int StartAttempts = 5;

    private readonly ServerProgram _program;
    private readonly PostgresClusterOptions _options;
    private readonly Action<string> _log;
    private bool _stopped;

    private PostgresCluster(ServerProgram program, PostgresClusterOptions options, string dataDirectory, int port, string? password, bool attached)
    {
        _program = program;
        _options = options;
        _log = options.Log ?? (_ => { });
        DataDirectory = dataDirectory;
        Port = port;
        IsAttached = attached;
        ConnectionString = BuildConnectionString(port, password, "postgres");
    }

    /// <summary>An Npgsql connection string for the superuser <c>postgres</c> on database <c>postgres</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The full path of the cluster's data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The server's log file (inside <see cref="DataDirectory"/>).</summary>
    public string LogFile => Path.Combine(DataDirectory, LogFileName);

    /// <summary>True when another process had already started this persistent cluster; dispose then leaves it running.</summary>
    public bool IsAttached { get; }

    /// <summary>
    /// Creates (when needed) and starts the cluster described by <paramref name="options"/>, or attaches to it when
    /// it is persistent and already running, and returns once it accepts connections.
    /// </summary>
    /// <exception cref="PostgresClusterException">The cluster could not be created or started; the message includes the log's tail.</exception>
    public static async Task<PostgresCluster> StartAsync(PostgresClusterOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The embedded PostgreSQL cluster runs on Linux and other Unix systems.");
        }

        var log = options.Log ?? (_ => { });
        var dataDirectory = Path.GetFullPath(options.DataDirectory).TrimEnd('/');
        var account = await ClusterAccount.ForCurrentProcessAsync(log, ct);
        var program = new ServerProgram(PostgresBinaries.Locate(options.BinDirectory), account.RunAsUser);

        if (!options.Persistent)
        {
            if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
            {
                throw new PostgresClusterException($"A throwaway cluster needs an absent or empty directory; '{dataDirectory}' is not empty.");
            }

            await ClusterInitializer.InitializeAsync(program, account, dataDirectory, options.Password, throwaway: true, log, ct);
            return await StartServerAsync(program, options, dataDirectory, options.Password, ct);
        }

        // Processes starting the same persistent cluster take turns; whoever comes second finds it running.
        using var clusterLock = await ClusterLock.AcquireAsync(dataDirectory, ct);
        var password = options.Password ?? ClusterPassword.ReadOrCreate(dataDirectory);
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await ClusterInitializer.InitializeAsync(program, account, dataDirectory, password, throwaway: false, log, ct);
        }
        else if (await IsRunningAsync(program, dataDirectory, ct) && PostmasterPidFile.TryRead(dataDirectory) is { } running)
        {
            log($"attaching to the server already running on port {running.Port} (pid {running.Pid})");
            var attached = new PostgresCluster(program, options, dataDirectory, running.Port, password, attached: true);
            await attached.WaitUntilAcceptingAsync(ct);
            return attached;
        }
        else if (File.Exists(PostmasterPidFile.PathIn(dataDirectory)))
        {
            // pg_ctl status found no live postmaster behind the pid file: left over from a crash or kill -9.
            log("removing a stale postmaster.pid");
            File.Delete(PostmasterPidFile.PathIn(dataDirectory));
        }

        return await StartServerAsync(program, options, dataDirectory, password, ct);
    }

    /// <summary>Creates database <paramref name="name"/> unless it exists, and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = name });
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                // CREATE DATABASE takes no parameters; the name is quoted as an identifier instead.
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the server (fast shutdown), even one this instance attached to. A throwaway cluster's files stay until dispose.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        if (_stopped)
        {
            return;
        }

        // A throwaway cluster's data is about to be deleted, so an immediate stop loses nothing.
        var mode = _options.Persistent ? "fast" : "immediate";
        var result = await _program.RunAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", mode, "-w", "-t", "60"], ct);
        if (result.ExitCode != 0 && await IsRunningAsync(_program, DataDirectory, ct))
        {
            throw Failure($"pg_ctl stop failed (exit {result.ExitCode}):\n{result.Output}", DataDirectory);
        }

        _stopped = true;
        _log($"stopped the server in {DataDirectory}");
    }

    /// <summary>Persistent: stops the server this instance started and keeps the data. Throwaway: stops it and deletes the data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (IsAttached)
        {
            return; // the process that started the server owns its lifetime
        }

        await StopAsync();
        if (!_options.Persistent && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private static async Task<PostgresCluster> StartServerAsync(
        ServerProgram program, PostgresClusterOptions options, string dataDirectory, string? password, CancellationToken ct)
    {
        var log = options.Log ?? (_ => { });
        var logFile = Path.Combine(dataDirectory, LogFileName);
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port != 0 ? options.Port : LoopbackPort.GetFree();
            log($"starting postgres in {dataDirectory} on 127.0.0.1:{port}");
            var result = await program.RunAsync(
                "pg_ctl",
                ["start", "-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-o", "-p " + port.ToString(CultureInfo.InvariantCulture)],
                ct);
            if (result.ExitCode == 0)
            {
                var cluster = new PostgresCluster(program, options, dataDirectory, port, password, attached: false);
                await cluster.WaitUntilAcceptingAsync(ct);
                return cluster;
            }

            // A picked port can be taken before the server binds it, and children of a killed postmaster can
            // hold its shared memory for a moment: both clear up on a retry.
            var tail = LogTail.Read(logFile);
            var retryable = options.Port == 0 || tail.Contains("shared memory block", StringComparison.Ordinal);
            if (attempt >= StartAttempts || !retryable)
            {
                throw Failure($"pg_ctl start failed (exit {result.ExitCode}):\n{result.Output}", dataDirectory);
            }

            log($"start attempt {attempt} failed; retrying");
            await program.RunAsync("pg_ctl", ["stop", "-D", dataDirectory, "-m", "immediate", "-w"], ct);
            await Task.Delay(TimeSpan.FromMilliseconds(300 * attempt), ct);
        }
    }

    // pg_ctl status exits 0 when the pid file names a live postmaster, 3 when no server runs.
    private static async Task<bool> IsRunningAsync(ServerProgram program, string dataDirectory, CancellationToken ct) =>
        (await program.RunAsync("pg_ctl", ["status", "-D", dataDirectory], ct)).ExitCode == 0;

    // pg_ctl -w only watches postmaster.pid; a real connection proves the server takes clients on TCP.
    private async Task WaitUntilAcceptingAsync(CancellationToken ct)
    {
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
        Exception? last = null;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(ct);
                return;
            }
            catch (NpgsqlException ex) when (ex is not PostgresException { SqlState: "28P01" or "28000" })
            {
                last = ex;
                await Task.Delay(250, ct);
            }
        }

        throw Failure($"The server in '{DataDirectory}' on port {Port} does not accept connections: {last?.Message}", DataDirectory);
    }

    private static PostgresClusterException Failure(string message, string dataDirectory) =>
        new($"{message}\n--- tail of {Path.Combine(dataDirectory, LogFileName)} ---\n{LogTail.Read(Path.Combine(dataDirectory, LogFileName))}");

    private static string BuildConnectionString(int port, string? password, string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Password = password,
            Database = database,
        }.ConnectionString;
}
