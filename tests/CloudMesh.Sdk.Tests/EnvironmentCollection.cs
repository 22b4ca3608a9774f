using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Sdk.Tests;

/// <summary>Tests that change process environment variables: never run in parallel with other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection : ICollectionFixture<SdkServerFixture>
{
    public const string Name = "process-environment";
}

/// <summary>A real CloudMesh server of its own for the environment tests.</summary>
public sealed class SdkServerFixture : CloudMeshApiFixture
{
}
