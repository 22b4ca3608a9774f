using CloudMesh.ControlPlane.Sources;

namespace CloudMesh.ControlPlane.Tests.Support;

/// <summary>
/// Stands in for the PostgreSQL-backed token validator (which stores hashed tokens and is tested with the API):
/// here only the mapping token → tenant matters.
/// </summary>
internal sealed class InMemoryTokenValidator(IReadOnlyDictionary<string, string> tokens) : IXdsTokenValidator
{
    public ValueTask<string?> ValidateAsync(string token, CancellationToken cancellationToken) =>
        ValueTask.FromResult(tokens.GetValueOrDefault(token));
}
