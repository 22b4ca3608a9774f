using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;
using CloudMesh.Sdk.AppMesh.Internal;

namespace CloudMesh.Sdk.AppMesh;

/// <summary>
/// Configuration for a CloudMesh App Mesh client. CloudMesh is self-hosted, so the endpoint is
/// <see cref="ClientConfig.ServiceURL"/> (or the <c>AWS_ENDPOINT_URL_APP_MESH</c> / <c>AWS_ENDPOINT_URL</c> environment
/// variables); the signing region is <see cref="ClientConfig.AuthenticationRegion"/>, else the region from
/// <see cref="ClientConfig.RegionEndpoint"/>, <c>AWS_REGION</c> or the profile, else <c>us-east-1</c>.
/// </summary>
public partial class AmazonAppMeshConfig : ClientConfig
{
    private static readonly string UserAgentString = InternalSDKUtils.BuildUserAgentString(AppMeshServiceMetadata.SdkServiceId, "1.0.0");
    private static readonly AppMeshEndpointResolver EndpointResolver = new();

    /// <summary>Creates a configuration with AWSSDK.Core's defaults (standard retry mode, credential chain).</summary>
    public AmazonAppMeshConfig()
        : base(new DefaultConfigurationProvider(AppMeshDefaultConfiguration.All))
    {
        base.ServiceId = AppMeshServiceMetadata.SdkServiceId;
        AuthenticationServiceName = AppMeshServiceMetadata.SigningName;
        EndpointProvider = new AppMeshEndpointProvider();
    }

    /// <summary>The service id ("App Mesh"), which also names the <c>AWS_ENDPOINT_URL_APP_MESH</c> variable.</summary>
    public static new string ServiceId => AppMeshServiceMetadata.SdkServiceId;

    /// <summary>The name used to look the service up in AWS's region data.</summary>
    public override string RegionEndpointServiceName => AppMeshServiceMetadata.SigningName;

    /// <summary>The App Mesh API version this SDK speaks.</summary>
    public override string ServiceVersion => AppMeshServiceMetadata.ApiVersion;

    /// <summary>The user agent sent with every request.</summary>
    public override string UserAgent => UserAgentString;

    /// <summary>Returns the endpoint a request would be sent to.</summary>
    /// <param name="parameters">The request (and optional alternate region) to resolve for.</param>
    /// <returns>The resolved endpoint.</returns>
    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
    {
        var requestContext = new RequestContext(false)
        {
            ClientConfig = this,
            OriginalRequest = parameters.Request,
            Request = new DefaultRequest(parameters.Request, ServiceId) { AlternateEndpoint = parameters.AlternateEndpoint },
        };
        return EndpointResolver.GetEndpoint(new Amazon.Runtime.Internal.ExecutionContext(requestContext, null));
    }
}
