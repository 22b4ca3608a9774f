namespace CloudMesh.Fuzz.Tests.Oracle;

/// <summary>One broken promise: the request that exposed it, what came back, and what was wrong.</summary>
internal sealed record Failure(int Iteration, string Request, string Response, string Problem)
{
    public override string ToString() => $"#{Iteration} {Problem}\n    request:  {Request}\n    response: {Response}";
}
