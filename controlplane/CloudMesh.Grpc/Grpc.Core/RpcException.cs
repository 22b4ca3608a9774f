namespace Grpc.Core;

/// <summary>Thrown when a call ends with a status other than OK; thrown by a handler to end a call with a status.</summary>
public class RpcException : Exception
{
    /// <summary>Creates an exception carrying <paramref name="status"/>.</summary>
    public RpcException(Status status)
        : this(status, Metadata.Empty, status.ToString())
    {
    }

    /// <summary>Creates an exception carrying <paramref name="status"/> with a custom exception message.</summary>
    public RpcException(Status status, string message)
        : this(status, Metadata.Empty, message)
    {
    }

    /// <summary>Creates an exception carrying <paramref name="status"/> and the call's trailers.</summary>
    public RpcException(Status status, Metadata trailers)
        : this(status, trailers, status.ToString())
    {
    }

    /// <summary>Creates an exception carrying <paramref name="status"/>, the call's trailers and a custom message.</summary>
    public RpcException(Status status, Metadata trailers, string message)
        : base(message, status.DebugException)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        Status = status;
        Trailers = trailers;
    }

    /// <summary>The call's status.</summary>
    public Status Status { get; }

    /// <summary>The call's status code.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>
    /// Trailers: on the client, those the server sent; on the server, extra trailers to send with the status.
    /// </summary>
    public Metadata Trailers { get; }
}
