namespace CloudMesh.Pulumi.Tests.Support;

/// <summary>Provider tests share one CloudMesh server and plugin (each lifecycle test works in its own mesh).</summary>
[CollectionDefinition(Name)]
public sealed class ProviderCollection : ICollectionFixture<ProviderFixture>
{
    public const string Name = "pulumi-provider";
}
