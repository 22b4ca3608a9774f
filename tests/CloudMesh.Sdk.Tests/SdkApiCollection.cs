using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Sdk.Tests;

/// <summary>SDK tests share one real CloudMesh server (each test works in its own tenant, so tests stay independent).</summary>
[CollectionDefinition(Name)]
public sealed class SdkApiCollection : ICollectionFixture<CloudMeshApiFixture>
{
    public const string Name = "sdk-api";
}
