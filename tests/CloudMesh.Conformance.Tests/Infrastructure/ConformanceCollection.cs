using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Conformance.Tests.Infrastructure;

/// <summary>
/// The conformance tests share one real server and run one after another (throttling and concurrency tests should not
/// compete with others for two cores); each test uses its own tenants, so they stay independent.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConformanceCollection : ICollectionFixture<CloudMeshApiFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "conformance";
}
