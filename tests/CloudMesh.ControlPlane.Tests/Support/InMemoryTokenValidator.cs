using CloudMesh.ControlPlane.Sources;

namespace CloudMesh.ControlPlane.Tests.Support;

/// <summary>
/// Stands in for the PostgreSQL-backed token validator (which stores hashed tokens and is tested with the API):
/// here only the mapping token → tenant matters. The token <see cref="Unreachable"/> fails like a database outage.
/// </summary>
internal sealed class InMemoryTokenValidator(IReadOnlyDictionary<string, string> tokens) : IXdsTokenValidator
{
    public const string Unreachable = "token-store-unreachable";

    public ValueTask<string?> ValidateAsync(string token, CancellationToken cancellationToken) =>
        token == Unreachable
            ? throw new InvalidOperationException("token store unreachable")
            : ValueTask.FromResult(tokens.GetValueOrDefault(token));
}
