namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>Responses by status class, updated with interlocked operations on the request path (clusters and routes).</summary>
internal class ResponseCounters
{
    public long Responses1xx;
    public long Responses2xx;
    public long Responses3xx;
    public long Responses4xx;
    public long Responses5xx;

    /// <summary>Counts one response; anything outside 1xx–4xx counts as 5xx (local replies included).</summary>
    public void CountResponse(int status)
    {
        switch (status / 100)
        {
            case 1: Interlocked.Increment(ref Responses1xx); break;
            case 2: Interlocked.Increment(ref Responses2xx); break;
            case 3: Interlocked.Increment(ref Responses3xx); break;
            case 4: Interlocked.Increment(ref Responses4xx); break;
            default: Interlocked.Increment(ref Responses5xx); break;
        }
    }
}
