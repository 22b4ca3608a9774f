using Amazon.Runtime.Internal;

namespace CloudMesh.Sdk.AppMesh.Internal;

/// <summary>The service's identity as AWSSDK.Core sees it (the model's serviceId, signing name and API version).</summary>
internal sealed class AppMeshServiceMetadata : IServiceMetadata
{
    /// <summary>The model's <c>serviceId</c>; AWSSDK.Core derives <c>AWS_ENDPOINT_URL_APP_MESH</c> from it.</summary>
    public const string SdkServiceId = "App Mesh";

    /// <summary>The SigV4 signing name.</summary>
    public const string SigningName = "appmesh";

    /// <summary>The API version.</summary>
    public const string ApiVersion = "2019-01-25";

    public string ServiceId => SdkServiceId;

    public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>(0);
}
