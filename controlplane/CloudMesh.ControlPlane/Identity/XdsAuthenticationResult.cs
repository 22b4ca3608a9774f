using System.Diagnostics.CodeAnalysis;
using CloudMesh.ControlPlane.Model;
using Grpc.Core;

namespace CloudMesh.ControlPlane.Identity;

/// <summary>The outcome of authenticating an xDS stream: the proxy's identity in its tenant, or the gRPC status to end the call with.</summary>
public sealed class XdsAuthenticationResult
{
    private XdsAuthenticationResult(ProxyIdentity? identity, XdsAuthenticationMethod method, Status failure)
    {
        Identity = identity;
        Method = method;
        Failure = failure;
    }

    /// <summary>True when the stream is bound to <see cref="Identity"/>.</summary>
    [MemberNotNullWhen(true, nameof(Identity))]
    public bool Succeeded => Identity is not null;

    /// <summary>The proxy's identity, bound to the authenticated tenant (success only).</summary>
    public ProxyIdentity? Identity { get; }

    /// <summary>How the tenant was proven (success only).</summary>
    public XdsAuthenticationMethod Method { get; }

    /// <summary>UNAUTHENTICATED or PERMISSION_DENIED with a message saying what to fix (failure only).</summary>
    public Status Failure { get; }

    /// <summary>A success.</summary>
    public static XdsAuthenticationResult Success(ProxyIdentity identity, XdsAuthenticationMethod method) =>
        new(identity ?? throw new ArgumentNullException(nameof(identity)), method, Status.DefaultSuccess);

    /// <summary>The credentials are missing or wrong.</summary>
    public static XdsAuthenticationResult Unauthenticated(string message) =>
        new(null, default, new Status(StatusCode.Unauthenticated, message));

    /// <summary>The credentials are fine but do not allow this node id.</summary>
    public static XdsAuthenticationResult PermissionDenied(string message) =>
        new(null, default, new Status(StatusCode.PermissionDenied, message));
}
