namespace CloudMesh.EmbeddedPostgres;

/// <summary>A cluster could not be created, started, reached or stopped; the message carries the server log's tail.</summary>
public sealed class PostgresClusterException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PostgresClusterException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PostgresClusterException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PostgresClusterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
