namespace CloudMesh.AppMesh.Model;

/// <summary>One API operation: its HTTP binding and its input, output and error shapes.</summary>
public sealed class OperationModel
{
    internal OperationModel(
        string name,
        string httpMethod,
        string requestUri,
        int responseCode,
        ShapeModel input,
        ShapeModel? output,
        IReadOnlyList<string> errors,
        bool idempotent)
    {
        Name = name;
        HttpMethod = httpMethod;
        RequestUri = requestUri;
        ResponseCode = responseCode;
        Input = input;
        Output = output;
        Errors = errors;
        Idempotent = idempotent;
    }

    /// <summary>The operation name, e.g. <c>CreateVirtualNode</c>.</summary>
    public string Name { get; }

    /// <summary>The HTTP method, e.g. <c>PUT</c>.</summary>
    public string HttpMethod { get; }

    /// <summary>The URI template, e.g. <c>/v20190125/meshes/{meshName}/virtualNodes</c>.</summary>
    public string RequestUri { get; }

    /// <summary>The HTTP status code of a successful response.</summary>
    public int ResponseCode { get; }

    /// <summary>The input structure (an empty structure when the model declares none).</summary>
    public ShapeModel Input { get; }

    /// <summary>The output structure, or <c>null</c> when the operation returns nothing.</summary>
    public ShapeModel? Output { get; }

    /// <summary>Names of the error shapes the operation may return, in model order.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Whether the model marks the operation idempotent.</summary>
    public bool Idempotent { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} {HttpMethod} {RequestUri}";
}
