using Amazon.Runtime;

namespace CloudMesh.Sdk.AppMesh.Model;

/// <summary>The base class of every App Mesh request.</summary>
public partial class AmazonAppMeshRequest : AmazonWebServiceRequest
{
}
