using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;

namespace CloudMesh.Sdk.AppMesh.Internal;

/// <summary>
/// Resolves the endpoint from <see cref="AppMeshEndpointParameters"/>: the configured URL, signed with SigV4 as
/// <c>appmesh</c> in the resolved region (the <c>authSchemes</c> attribute AWSSDK.Core's signer reads).
/// </summary>
internal sealed class AppMeshEndpointProvider : IEndpointProvider
{
    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var url = parameters["Endpoint"] as string;
        if (string.IsNullOrEmpty(url))
        {
            throw new AmazonClientException(
                "No CloudMesh endpoint is configured: set AmazonAppMeshConfig.ServiceURL (e.g. http://localhost:8080), " +
                "or the AWS_ENDPOINT_URL_APP_MESH or AWS_ENDPOINT_URL environment variable.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new AmazonClientException($"The CloudMesh endpoint '{url}' is not an absolute http or https URL.");
        }

        var region = parameters["Region"] as string ?? AppMeshEndpointResolver.DefaultRegion;
        var attributes = new JsonObject
        {
            ["authSchemes"] = new JsonArray(new JsonObject
            {
                ["name"] = "sigv4",
                ["signingName"] = AppMeshServiceMetadata.SigningName,
                ["signingRegion"] = region,
            }),
        };
        return new Endpoint(url, attributes.ToJsonString(), "{}");
    }
}
