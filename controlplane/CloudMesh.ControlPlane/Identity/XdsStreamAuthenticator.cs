using CloudMesh.ControlPlane.Hosting;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Sources;
using CloudMesh.SigV4;
using Envoy.Config.Core.V3;

namespace CloudMesh.ControlPlane.Identity;

/// <summary>
/// Binds an xDS stream to one tenant and one proxy identity, from the first request's node and the call's
/// headers: SigV4 as App Mesh's Envoy signs it, a bearer token in call metadata, or a token in node metadata.
/// Thread-safe.
/// </summary>
/// <remarks>
/// Envoy's <c>envoy.grpc_credentials.aws_iam</c> plugin (source/extensions/grpc_credentials/aws_iam/config.cc)
/// signs, per call, a message with method <c>POST</c>, the call's path
/// (<c>/envoy.service.discovery.v3.AggregatedDiscoveryService/StreamAggregatedResources</c>), the host from gRPC's
/// service URL, and no body: the payload hash is SHA-256 of the empty string, also sent as
/// <c>x-amz-content-sha256</c>. The signed headers (<c>host</c>, <c>x-amz-content-sha256</c>, <c>x-amz-date</c>,
/// and <c>x-amz-security-token</c> with temporary credentials) travel as call metadata next to
/// <c>authorization</c>. gRPC C++ builds that host from the call's authority minus a <c>:443</c> port on TLS
/// channels, so a signature that does not match the authority as sent is checked again without <c>:443</c>.
/// </remarks>
public sealed class XdsStreamAuthenticator
{
    private const string SigV4Scheme = "AWS4-HMAC-SHA256 ";
    private const string BearerScheme = "Bearer ";
    private const string DefaultTlsPort = ":443";

    private readonly ControlPlaneOptions _options;
    private readonly SigV4Verifier _verifier;
    private readonly IXdsTokenValidator? _tokens;
    private readonly ISigV4CredentialStore? _credentials;

    /// <summary>Creates an authenticator; a missing validator or credential store disables that method.</summary>
    public XdsStreamAuthenticator(
        ControlPlaneOptions options,
        TimeProvider timeProvider,
        IXdsTokenValidator? tokens = null,
        ISigV4CredentialStore? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _tokens = tokens;
        _credentials = credentials;
        _verifier = new SigV4Verifier(
            new SigV4VerifierOptions { Region = options.Region, Service = "appmesh", MaxClockSkew = options.SigV4MaxClockSkew },
            timeProvider);
    }

    /// <summary>Authenticates the call and binds <paramref name="node"/>'s id to the authenticated tenant.</summary>
    public async ValueTask<XdsAuthenticationResult> AuthenticateAsync(XdsCallInfo call, Node? node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        (string? accountId, XdsAuthenticationMethod method, string? failure) = await AuthenticateTenantAsync(call, node, cancellationToken)
            .ConfigureAwait(false);
        if (accountId is null)
        {
            return XdsAuthenticationResult.Unauthenticated(failure!);
        }

        if (!NodeId.TryParse(node?.Id, out NodeId? nodeId, out string parseError))
        {
            return XdsAuthenticationResult.PermissionDenied(parseError);
        }

        if (nodeId!.AccountId is not null && nodeId.AccountId != accountId)
        {
            return XdsAuthenticationResult.PermissionDenied(
                $"node.id '{node!.Id}' belongs to account {nodeId.AccountId}, but this stream authenticated as account {accountId}; " +
                "a proxy can only fetch configuration of its own tenant.");
        }

        if (nodeId.Region is not null && nodeId.Region != _options.Region)
        {
            return XdsAuthenticationResult.PermissionDenied(
                $"node.id '{node!.Id}' names region {nodeId.Region}, but this control plane serves region {_options.Region}.");
        }

        ProxyIdentity identity = nodeId.ToIdentity(accountId);
        return XdsAuthenticationResult.Success(identity, method);
    }

    private async ValueTask<(string? AccountId, XdsAuthenticationMethod Method, string? Failure)> AuthenticateTenantAsync(
        XdsCallInfo call, Node? node, CancellationToken cancellationToken)
    {
        string? authorization = call.Header("authorization");
        if (authorization is not null && authorization.StartsWith(SigV4Scheme, StringComparison.Ordinal))
        {
            (string? account, string? failure) = await VerifySigV4Async(call, cancellationToken).ConfigureAwait(false);
            return (account, XdsAuthenticationMethod.SigV4, failure);
        }

        if (authorization is not null && authorization.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase))
        {
            (string? account, string? failure) = await ValidateTokenAsync(
                authorization[BearerScheme.Length..].Trim(), "the authorization metadata", cancellationToken).ConfigureAwait(false);
            return (account, XdsAuthenticationMethod.BearerToken, failure);
        }

        if (authorization is not null)
        {
            return (null, default, "Unsupported authorization scheme: use SigV4 (AWS4-HMAC-SHA256, signing name appmesh) or 'Bearer <xDS token>'.");
        }

        if (NodeMetadata.GetString(node, NodeMetadata.Token) is { Length: > 0 } metadataToken)
        {
            (string? account, string? failure) = await ValidateTokenAsync(
                metadataToken, $"node metadata '{NodeMetadata.Token}'", cancellationToken).ConfigureAwait(false);
            return (account, XdsAuthenticationMethod.NodeMetadataToken, failure);
        }

        return (null, default,
            "The xDS stream carries no credentials: sign it with SigV4 (Envoy's envoy.grpc_credentials.aws_iam, signing name appmesh), " +
            $"send 'authorization: Bearer <xDS token>' metadata, or set node metadata '{NodeMetadata.Token}'.");
    }

    private async ValueTask<(string? AccountId, string? Failure)> ValidateTokenAsync(
        string token, string where, CancellationToken cancellationToken)
    {
        if (_tokens is null)
        {
            return (null, "xDS tokens are not enabled on this control plane.");
        }

        string? account = token.Length == 0 ? null : await _tokens.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
        return account is null ? (null, $"The xDS token in {where} is unknown or revoked.") : (account, null);
    }

    private async ValueTask<(string? AccountId, string? Failure)> VerifySigV4Async(XdsCallInfo call, CancellationToken cancellationToken)
    {
        if (_credentials is null)
        {
            return (null, "SigV4 authentication is not enabled on this control plane.");
        }

        SigV4VerificationResult result = await _verifier.VerifyAsync(Describe(call, call.Host), _credentials, cancellationToken)
            .ConfigureAwait(false);
        if (!result.IsSuccess && result.ErrorCode == SigV4ErrorCodes.InvalidSignature
            && call.Host.EndsWith(DefaultTlsPort, StringComparison.Ordinal))
        {
            SigV4VerificationResult withoutPort = await _verifier.VerifyAsync(
                Describe(call, call.Host[..^DefaultTlsPort.Length]), _credentials, cancellationToken).ConfigureAwait(false);
            if (withoutPort.IsSuccess)
            {
                result = withoutPort;
            }
        }

        return result.IsSuccess
            ? (result.Credential.Principal, null)
            : (null, $"SigV4 verification failed ({result.ErrorCode}): {FirstLine(result.Message)}");
    }

    private static SigV4Request Describe(XdsCallInfo call, string host)
    {
        var headers = new List<KeyValuePair<string, string>>(call.Headers.Count + 1) { new("host", host) };
        foreach (KeyValuePair<string, string> header in call.Headers)
        {
            // The authority is the host; a transport that also lists it as metadata must not make it count twice.
            if (!header.Key.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                headers.Add(header);
            }
        }

        return new SigV4Request("POST", call.Path, "", headers, SigV4Request.EmptyPayloadHash);
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline];
    }
}
