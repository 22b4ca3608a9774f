using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Api.Tests.Integration;

/// <summary>Integration tests share one real server (each test uses its own tenants, so they stay independent).</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<CloudMeshApiFixture>
{
    public const string Name = "api";
}
