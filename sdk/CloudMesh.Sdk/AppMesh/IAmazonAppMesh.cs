using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using CloudMesh.Sdk.AppMesh.Model;

namespace CloudMesh.Sdk.AppMesh;

/// <summary>
/// The App Mesh API as CloudMesh serves it (version 2019-01-25). The operations are generated from the service model;
/// this part holds what every AWS service interface has.
/// </summary>
public partial interface IAmazonAppMesh : IAmazonService, IDisposable
{
    /// <summary>Paginators for the operations that page (ListMeshes, ListVirtualNodes, ...).</summary>
    IAppMeshPaginatorFactory Paginators { get; }

    /// <summary>Returns the endpoint a request would be sent to.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The resolved endpoint.</returns>
    Endpoint DetermineServiceOperationEndpoint(AmazonWebServiceRequest request);

    /// <inheritdoc/>
    static ClientConfig IAmazonService.CreateDefaultClientConfig() => new AmazonAppMeshConfig();

    /// <inheritdoc/>
    static IAmazonService IAmazonService.CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) =>
        new AmazonAppMeshClient(awsCredentials, (AmazonAppMeshConfig)clientConfig);
}
