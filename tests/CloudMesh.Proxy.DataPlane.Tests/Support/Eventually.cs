namespace CloudMesh.Proxy.DataPlane.Tests.Support;

/// <summary>Polls a condition until it holds or a generous deadline passes (never a duration assertion).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Condition never held: {because}");
            }

            await Task.Delay(50);
        }
    }
}
