namespace CloudMesh.ControlPlane.Identity;

/// <summary>How an xDS stream proved which tenant it belongs to.</summary>
public enum XdsAuthenticationMethod
{
    /// <summary>SigV4 on the request headers, as Envoy's <c>envoy.grpc_credentials.aws_iam</c> plugin signs them.</summary>
    SigV4,

    /// <summary>A tenant-scoped token in <c>authorization: Bearer &lt;token&gt;</c> call metadata.</summary>
    BearerToken,

    /// <summary>A tenant-scoped token in node metadata field <c>cloudmesh.token</c> (stock xDS clients).</summary>
    NodeMetadataToken,
}
