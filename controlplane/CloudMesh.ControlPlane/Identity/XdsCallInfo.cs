namespace CloudMesh.ControlPlane.Identity;

/// <summary>What stream authentication sees of the gRPC call: the HTTP/2 request as the client signed it.</summary>
/// <param name="Host">The <c>:authority</c> the client called.</param>
/// <param name="Path">The <c>:path</c>: <c>/envoy.service.discovery.v3.AggregatedDiscoveryService/&lt;method&gt;</c>.</param>
/// <param name="Headers">The text request metadata (lower-case names), pseudo-headers excluded.</param>
public sealed record XdsCallInfo(string Host, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The last value of <paramref name="name"/>, or null.</summary>
    public string? Header(string name)
    {
        for (int i = Headers.Count - 1; i >= 0; i--)
        {
            if (string.Equals(Headers[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return Headers[i].Value;
            }
        }

        return null;
    }
}
