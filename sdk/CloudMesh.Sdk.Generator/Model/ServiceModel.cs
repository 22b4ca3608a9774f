using System.Collections.Generic;

namespace CloudMesh.Sdk.Generator.Model;

/// <summary>The parts of a botocore service model the SDK is generated from.</summary>
internal sealed class ServiceModel
{
    public ServiceModel(string apiVersion, string signingName, string serviceId, IReadOnlyList<Operation> operations, IReadOnlyList<Shape> shapes)
    {
        ApiVersion = apiVersion;
        SigningName = signingName;
        ServiceId = serviceId;
        Operations = operations;
        Shapes = shapes;
    }

    public string ApiVersion { get; }
    public string SigningName { get; }
    public string ServiceId { get; }
    public IReadOnlyList<Operation> Operations { get; }

    /// <summary>Every shape, in model order.</summary>
    public IReadOnlyList<Shape> Shapes { get; }
}
