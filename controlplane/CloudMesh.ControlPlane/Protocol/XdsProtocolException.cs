namespace CloudMesh.ControlPlane.Protocol;

/// <summary>A request that breaks the xDS protocol (the stream is ended with INVALID_ARGUMENT).</summary>
public sealed class XdsProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public XdsProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public XdsProtocolException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public XdsProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
