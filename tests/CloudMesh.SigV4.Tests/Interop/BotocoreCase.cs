namespace CloudMesh.SigV4.Tests.Interop;

/// <summary>One request as botocore signed it and as it would go on the wire.</summary>
public sealed record BotocoreCase(
    string Name,
    string Kind,
    string Method,
    string Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    string Timestamp,
    string OriginalUrl,
    int Expires)
{
    public override string ToString() => Name;
}
