using System.Collections.Generic;

namespace CloudMesh.Sdk.Generator.Model;

/// <summary>One operation: its HTTP binding, input and output shapes and the error shapes it may return.</summary>
internal sealed class Operation
{
    public Operation(string name, string method, string requestUri, int responseCode, Shape input, Shape output, IReadOnlyList<Shape> errors)
    {
        Name = name;
        Method = method;
        RequestUri = requestUri;
        ResponseCode = responseCode;
        Input = input;
        Output = output;
        Errors = errors;
    }

    public string Name { get; }
    public string Method { get; }
    public string RequestUri { get; }
    public int ResponseCode { get; }
    public Shape Input { get; }
    public Shape Output { get; }
    public IReadOnlyList<Shape> Errors { get; }
}
