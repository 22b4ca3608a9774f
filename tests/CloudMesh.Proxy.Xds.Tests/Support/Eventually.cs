namespace CloudMesh.Proxy.Xds.Tests.Support;

/// <summary>Waits for a condition with a generous timeout that is only a safety net, never a measurement.</summary>
internal static class Eventually
{
    public static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(SafetyTimeout);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Gave up waiting: {what}");
            }

            await Task.Delay(10, CancellationToken.None);
        }
    }
}
