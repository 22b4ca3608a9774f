using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using CloudMesh.Sdk.AppMesh.Internal;
using CloudMesh.Sdk.AppMesh.Model;

namespace CloudMesh.Sdk.AppMesh;

/// <summary>
/// The client for CloudMesh's App Mesh API, on AWSSDK.Core: SigV4 signing (service <c>appmesh</c>), the standard
/// credential chain (environment, shared profile via <c>AWS_PROFILE</c>/<c>AWS_SHARED_CREDENTIALS_FILE</c>, ...), and
/// AWSSDK.Core's retries for throttling (429) and 5xx. The operations are generated from the service model.
/// </summary>
public partial class AmazonAppMeshClient : AmazonServiceClient, IAmazonAppMesh
{
    private static readonly IServiceMetadata Metadata = new AppMeshServiceMetadata();
    private IAppMeshPaginatorFactory? _paginators;

    /// <summary>Creates a client with credentials and settings from the environment and shared profile.</summary>
    public AmazonAppMeshClient()
        : base(new AmazonAppMeshConfig())
    {
    }

    /// <summary>Creates a client for a region with credentials from the environment and shared profile.</summary>
    /// <param name="region">The region requests are signed for.</param>
    public AmazonAppMeshClient(RegionEndpoint region)
        : base(new AmazonAppMeshConfig { RegionEndpoint = region })
    {
    }

    /// <summary>Creates a client with the given configuration and credentials from the credential chain.</summary>
    /// <param name="config">The client configuration (at least its ServiceURL).</param>
    public AmazonAppMeshClient(AmazonAppMeshConfig config)
        : base(config)
    {
    }

    /// <summary>Creates a client with explicit credentials and a default configuration.</summary>
    /// <param name="credentials">The credentials requests are signed with.</param>
    public AmazonAppMeshClient(AWSCredentials credentials)
        : this(credentials, new AmazonAppMeshConfig())
    {
    }

    /// <summary>Creates a client with explicit credentials for a region.</summary>
    /// <param name="credentials">The credentials requests are signed with.</param>
    /// <param name="region">The region requests are signed for.</param>
    public AmazonAppMeshClient(AWSCredentials credentials, RegionEndpoint region)
        : this(credentials, new AmazonAppMeshConfig { RegionEndpoint = region })
    {
    }

    /// <summary>Creates a client with explicit credentials and configuration.</summary>
    /// <param name="credentials">The credentials requests are signed with.</param>
    /// <param name="clientConfig">The client configuration.</param>
    public AmazonAppMeshClient(AWSCredentials credentials, AmazonAppMeshConfig clientConfig)
        : base(credentials, clientConfig)
    {
    }

    /// <summary>Creates a client with an access key and a default configuration.</summary>
    /// <param name="awsAccessKeyId">The access key id.</param>
    /// <param name="awsSecretAccessKey">The secret access key.</param>
    public AmazonAppMeshClient(string awsAccessKeyId, string awsSecretAccessKey)
        : this(awsAccessKeyId, awsSecretAccessKey, new AmazonAppMeshConfig())
    {
    }

    /// <summary>Creates a client with an access key for a region.</summary>
    /// <param name="awsAccessKeyId">The access key id.</param>
    /// <param name="awsSecretAccessKey">The secret access key.</param>
    /// <param name="region">The region requests are signed for.</param>
    public AmazonAppMeshClient(string awsAccessKeyId, string awsSecretAccessKey, RegionEndpoint region)
        : this(awsAccessKeyId, awsSecretAccessKey, new AmazonAppMeshConfig { RegionEndpoint = region })
    {
    }

    /// <summary>Creates a client with an access key and configuration.</summary>
    /// <param name="awsAccessKeyId">The access key id.</param>
    /// <param name="awsSecretAccessKey">The secret access key.</param>
    /// <param name="clientConfig">The client configuration.</param>
    public AmazonAppMeshClient(string awsAccessKeyId, string awsSecretAccessKey, AmazonAppMeshConfig clientConfig)
        : base(awsAccessKeyId, awsSecretAccessKey, clientConfig)
    {
    }

    /// <summary>Creates a client with temporary credentials and a default configuration.</summary>
    /// <param name="awsAccessKeyId">The access key id.</param>
    /// <param name="awsSecretAccessKey">The secret access key.</param>
    /// <param name="awsSessionToken">The session token.</param>
    public AmazonAppMeshClient(string awsAccessKeyId, string awsSecretAccessKey, string awsSessionToken)
        : this(awsAccessKeyId, awsSecretAccessKey, awsSessionToken, new AmazonAppMeshConfig())
    {
    }

    /// <summary>Creates a client with temporary credentials for a region.</summary>
    /// <param name="awsAccessKeyId">The access key id.</param>
    /// <param name="awsSecretAccessKey">The secret access key.</param>
    /// <param name="awsSessionToken">The session token.</param>
    /// <param name="region">The region requests are signed for.</param>
    public AmazonAppMeshClient(string awsAccessKeyId, string awsSecretAccessKey, string awsSessionToken, RegionEndpoint region)
        : this(awsAccessKeyId, awsSecretAccessKey, awsSessionToken, new AmazonAppMeshConfig { RegionEndpoint = region })
    {
    }

    /// <summary>Creates a client with temporary credentials and configuration.</summary>
    /// <param name="awsAccessKeyId">The access key id.</param>
    /// <param name="awsSecretAccessKey">The secret access key.</param>
    /// <param name="awsSessionToken">The session token.</param>
    /// <param name="clientConfig">The client configuration.</param>
    public AmazonAppMeshClient(string awsAccessKeyId, string awsSecretAccessKey, string awsSessionToken, AmazonAppMeshConfig clientConfig)
        : base(awsAccessKeyId, awsSecretAccessKey, awsSessionToken, clientConfig)
    {
    }

    /// <inheritdoc />
    public IAppMeshPaginatorFactory Paginators => _paginators ??= new AppMeshPaginatorFactory(this);

    /// <summary>The service's metadata (its service id).</summary>
    protected override IServiceMetadata ServiceMetadata => Metadata;

    /// <inheritdoc />
    public Endpoint DetermineServiceOperationEndpoint(AmazonWebServiceRequest request) =>
        Config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(request));

    /// <summary>
    /// Wires the pipeline as AWS's generated clients do: the service's endpoint resolver replaces the default one, and
    /// the auth-scheme handler selects SigV4 for every operation.
    /// </summary>
    /// <param name="pipeline">The runtime pipeline of this client.</param>
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<Amazon.Runtime.Internal.EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new AppMeshEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new AppMeshAuthSchemeHandler());
    }
}
