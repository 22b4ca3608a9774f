using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Kubernetes.Tests.Controller;

/// <summary>Controller tests share one real CloudMesh server on a real PostgreSQL; each test works in its own tenant.</summary>
[CollectionDefinition(Name)]
public sealed class CloudMeshApiCollection : ICollectionFixture<CloudMeshApiFixture>
{
    public const string Name = "kubernetes-cloudmesh-api";
}
