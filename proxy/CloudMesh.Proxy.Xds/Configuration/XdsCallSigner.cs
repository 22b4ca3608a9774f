using CloudMesh.SigV4;
using Metadata = Grpc.Core.Metadata;

namespace CloudMesh.Proxy.Xds.Configuration;

/// <summary>
/// Signs each ADS call with SigV4 as App Mesh's Envoy does (<c>envoy.grpc_credentials.aws_iam</c>, signing name
/// <c>appmesh</c>): the call's method, path and <c>host</c> header over an empty payload, sent as <c>authorization</c>,
/// <c>x-amz-date</c> and, for temporary credentials, <c>x-amz-security-token</c> call metadata. A stream is signed when it
/// opens, so every reconnect carries a fresh date.
/// </summary>
public sealed class XdsCallSigner
{
    private readonly SigV4Signer _signer;

    /// <summary>Creates a signer for <paramref name="credential"/> in <paramref name="region"/>.</summary>
    /// <param name="credential">The access key and secret (and session token, for temporary credentials).</param>
    /// <param name="region">The region the control plane verifies against (its configured region).</param>
    /// <param name="timeProvider">The clock the signature's date comes from; null for the system clock.</param>
    public XdsCallSigner(SigV4Credential credential, string region, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        Region = region;
        AccessKeyId = credential.AccessKeyId;
        _signer = new SigV4Signer(credential, region, "appmesh", timeProvider ?? TimeProvider.System);
    }

    /// <summary>The region in the credential scope.</summary>
    public string Region { get; }

    /// <summary>The access key id the signatures name (never the secret), for logs and diagnostics.</summary>
    public string AccessKeyId { get; }

    /// <summary>The metadata that signs a call of <paramref name="methodPath"/> to <paramref name="controlPlane"/>.</summary>
    /// <param name="controlPlane">The control plane's address; its authority is the <c>host</c> the server sees.</param>
    /// <param name="methodPath">The gRPC method path, <c>/package.Service/Method</c>.</param>
    public Metadata Sign(Uri controlPlane, string methodPath)
    {
        ArgumentNullException.ThrowIfNull(controlPlane);
        ArgumentException.ThrowIfNullOrEmpty(methodPath);

        // Uri.Authority leaves a default port out, as HttpClient's :authority does; that is what the server verifies.
        string host = controlPlane.Authority;
        SigV4HeaderSignature signature = _signer.SignHeaders(
            "POST", methodPath, "", [new("host", host)], SigV4Request.EmptyPayloadHash);
        var metadata = new Metadata
        {
            { "authorization", signature.Authorization },
            { "x-amz-date", signature.AmzDate },
        };
        if (signature.SecurityToken is not null)
        {
            metadata.Add("x-amz-security-token", signature.SecurityToken);
        }

        return metadata;
    }
}
