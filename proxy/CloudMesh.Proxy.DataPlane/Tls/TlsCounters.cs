namespace CloudMesh.Proxy.DataPlane.Tls;

/// <summary>Envoy's <c>ssl.*</c> counters of one listener or cluster, updated with interlocked operations.</summary>
internal sealed class TlsCounters
{
    /// <summary>Completed handshakes.</summary>
    public long Handshakes;

    /// <summary>Failed handshakes other than a refused peer certificate.</summary>
    public long ConnectionErrors;

    /// <summary>The peer sent no certificate although one was required.</summary>
    public long FailVerifyNoCert;

    /// <summary>The peer's certificate does not chain to the trust bundle.</summary>
    public long FailVerifyError;

    /// <summary>The peer's certificate has no SAN the matchers accept.</summary>
    public long FailVerifySan;

    public TlsStats Read() => new(
        Interlocked.Read(ref Handshakes),
        Interlocked.Read(ref ConnectionErrors),
        Interlocked.Read(ref FailVerifyNoCert),
        Interlocked.Read(ref FailVerifyError),
        Interlocked.Read(ref FailVerifySan));

    /// <summary>Counts one handshake's outcome: success, a verification failure (counted by the validator), or another error.</summary>
    public void CountHandshake(bool succeeded, bool verificationFailed)
    {
        if (succeeded)
        {
            Interlocked.Increment(ref Handshakes);
        }
        else if (!verificationFailed)
        {
            Interlocked.Increment(ref ConnectionErrors);
        }
    }
}
