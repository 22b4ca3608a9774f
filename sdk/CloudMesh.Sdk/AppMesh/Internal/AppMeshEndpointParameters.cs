using Amazon.Runtime.Endpoints;

namespace CloudMesh.Sdk.AppMesh.Internal;

/// <summary>What the endpoint provider needs: the configured endpoint URL and the signing region.</summary>
internal sealed class AppMeshEndpointParameters : EndpointParameters
{
    public string? Region
    {
        get => (string?)this["Region"];
        set => this["Region"] = value;
    }

    public string? Endpoint
    {
        get => (string?)this["Endpoint"];
        set => this["Endpoint"] = value;
    }
}
