namespace Grpc.Core;

/// <summary>Options of one client call. The <c>With*</c> methods return modified copies.</summary>
public struct CallOptions
{
    /// <summary>Creates options.</summary>
    public CallOptions(
        Metadata? headers = null,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default,
        WriteOptions? writeOptions = null,
        ContextPropagationToken? propagationToken = null,
        CallCredentials? credentials = null)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
        WriteOptions = writeOptions;
        PropagationToken = propagationToken;
        Credentials = credentials;
    }

    /// <summary>Request headers.</summary>
    public Metadata? Headers { get; private set; }

    /// <summary>The deadline (UTC); null for none.</summary>
    public DateTime? Deadline { get; private set; }

    /// <summary>Cancels the call (the server sees RST_STREAM; the call ends with CANCELLED).</summary>
    public CancellationToken CancellationToken { get; private set; }

    /// <summary>Options for request writes.</summary>
    public WriteOptions? WriteOptions { get; private set; }

    /// <summary>A server call whose deadline and cancellation this call inherits.</summary>
    public ContextPropagationToken? PropagationToken { get; private set; }

    /// <summary>Credentials that add metadata to this call.</summary>
    public CallCredentials? Credentials { get; private set; }

    /// <summary>A copy with <see cref="Headers"/> replaced.</summary>
    public readonly CallOptions WithHeaders(Metadata headers)
    {
        var copy = this;
        copy.Headers = headers;
        return copy;
    }

    /// <summary>A copy with <see cref="Deadline"/> replaced.</summary>
    public readonly CallOptions WithDeadline(DateTime deadline)
    {
        var copy = this;
        copy.Deadline = deadline;
        return copy;
    }

    /// <summary>A copy with <see cref="CancellationToken"/> replaced.</summary>
    public readonly CallOptions WithCancellationToken(CancellationToken cancellationToken)
    {
        var copy = this;
        copy.CancellationToken = cancellationToken;
        return copy;
    }

    /// <summary>A copy with <see cref="WriteOptions"/> replaced.</summary>
    public readonly CallOptions WithWriteOptions(WriteOptions writeOptions)
    {
        var copy = this;
        copy.WriteOptions = writeOptions;
        return copy;
    }

    /// <summary>A copy with <see cref="PropagationToken"/> replaced.</summary>
    public readonly CallOptions WithPropagationToken(ContextPropagationToken propagationToken)
    {
        var copy = this;
        copy.PropagationToken = propagationToken;
        return copy;
    }

    /// <summary>A copy with <see cref="Credentials"/> replaced.</summary>
    public readonly CallOptions WithCredentials(CallCredentials credentials)
    {
        var copy = this;
        copy.Credentials = credentials;
        return copy;
    }
}
