using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace CloudMesh.Sdk.AppMesh.Internal;

/// <summary>
/// Collects the endpoint parameters for a request. CloudMesh has no AWS partition endpoints: the endpoint is the
/// configured ServiceURL, else the <c>AWS_ENDPOINT_URL_APP_MESH</c> or <c>AWS_ENDPOINT_URL</c> environment variable
/// (unless <see cref="ClientConfig.IgnoreConfiguredEndpointUrls"/>). The signing region is the AuthenticationRegion,
/// else the configured region, else AWS's region chain (<c>AWS_REGION</c>, profile), else <c>us-east-1</c>.
/// </summary>
internal sealed class AppMeshEndpointResolver : BaseEndpointResolver
{
    /// <summary>The region used when nothing configures one (App Mesh's home region).</summary>
    public const string DefaultRegion = "us-east-1";

    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
    {
        var config = requestContext.ClientConfig;
        return new AppMeshEndpointParameters
        {
            Endpoint = ConfiguredEndpoint(config),
            Region = requestContext.Request.AlternateEndpoint?.SystemName ?? SigningRegion(config),
        };
    }

    private static string? ConfiguredEndpoint(IClientConfig config)
    {
        if (!string.IsNullOrEmpty(config.ServiceURL))
        {
            return config.ServiceURL;
        }

        if (config.IgnoreConfiguredEndpointUrls)
        {
            return null;
        }

        return NonEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_APP_MESH"))
               ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"));
    }

    private static string SigningRegion(IClientConfig config) =>
        NonEmpty(config.AuthenticationRegion)
        ?? config.RegionEndpoint?.SystemName
        ?? FallbackRegionFactory.GetRegionEndpoint(includeInstanceMetadata: false)?.SystemName
        ?? DefaultRegion;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
