using Grpc.Core;

namespace Grpc.AspNetCore.Server;

/// <summary>The gRPC call behind an HTTP request, for middleware (<c>HttpContext.Features.Get&lt;IServerCallContextFeature&gt;()</c>).</summary>
public interface IServerCallContextFeature
{
    /// <summary>The call's context.</summary>
    ServerCallContext ServerCallContext { get; }
}
