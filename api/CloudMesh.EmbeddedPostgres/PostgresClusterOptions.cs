namespace CloudMesh.EmbeddedPostgres;

/// <summary>How <see cref="PostgresCluster.StartAsync"/> creates, finds and runs a cluster.</summary>
public sealed record PostgresClusterOptions
{
    /// <summary>The cluster's data directory (PGDATA). Created by initdb when absent or empty.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The loopback TCP port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// The folder holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>; null searches PATH and
    /// <c>/usr/lib/postgresql/*/bin</c> and takes the highest version.
    /// </summary>
    public string? BinDirectory { get; init; }

    /// <summary>
    /// True: reuse an existing cluster in <see cref="DataDirectory"/>, attach to it when another process
    /// already runs it, and keep it on stop. False: a throwaway cluster tuned for tests, deleted on dispose.
    /// </summary>
    public bool Persistent { get; init; }

    /// <summary>
    /// The superuser's password. Null on a persistent cluster uses (or generates) the password stored in
    /// <c>postgres-password</c> beside the data directory; null on a throwaway cluster means trust auth.
    /// </summary>
    public string? Password { get; init; }

    /// <summary>Receives progress messages; null discards them.</summary>
    public Action<string>? Log { get; init; }
}
