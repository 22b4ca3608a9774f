namespace CloudMesh.Pulumi.Tests.Support;

/// <summary>A provider RPC that ended with a gRPC error status.</summary>
public sealed class ProviderCallException(string method, int code, string details)
    : Exception($"{method} failed with gRPC status {code}: {details}")
{
    /// <summary>The gRPC status code (e.g. 3 INVALID_ARGUMENT, 5 NOT_FOUND, 12 UNIMPLEMENTED).</summary>
    public int Code { get; } = code;

    /// <summary>The status message.</summary>
    public string Details { get; } = details;
}
