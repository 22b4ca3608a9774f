using CloudMesh.Kubernetes.Controller;
using Xunit;

namespace CloudMesh.Kubernetes.Tests.Controller;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_key_added_twice_while_waiting_is_handed_out_once()
    {
        var queue = new WorkQueue<string>(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");

        Assert.Equal("a", await queue.TakeAsync(default));
        Assert.Equal("b", await queue.TakeAsync(default));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queue.TakeAsync(cts.Token));
    }

    [Fact]
    public async Task A_key_added_while_processing_is_handed_out_again_only_after_done()
    {
        var queue = new WorkQueue<string>(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));
        queue.Add("a");
        var taken = await queue.TakeAsync(default);
        queue.Add("a"); // changed while being processed

        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queue.TakeAsync(cts.Token));
        }

        queue.Done(taken);
        using var later = new CancellationTokenSource(Long);
        Assert.Equal("a", await queue.TakeAsync(later.Token));
    }

    [Fact]
    public void Backoff_doubles_per_failure_up_to_the_maximum_and_forget_resets_it()
    {
        var queue = new WorkQueue<string>(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));

        var delays = Enumerable.Range(0, 5).Select(_ => queue.AddRateLimited("a").TotalMilliseconds).ToList();

        Assert.Equal([100, 200, 400, 500, 500], delays);
        Assert.Equal(5, queue.Failures("a"));
        queue.Forget("a");
        Assert.Equal(0, queue.Failures("a"));
        Assert.Equal(100, queue.AddRateLimited("a").TotalMilliseconds);
    }

    [Fact]
    public async Task A_rate_limited_key_comes_back_after_its_delay_or_at_once_when_added()
    {
        var queue = new WorkQueue<string>(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));
        queue.AddRateLimited("slow");
        queue.AddAfter("soon", TimeSpan.FromMilliseconds(50));
        using var cts = new CancellationTokenSource(Long);
        Assert.Equal("soon", await queue.TakeAsync(cts.Token));

        queue.Add("slow"); // an event for a waiting key cuts its backoff short
        Assert.Equal("slow", await queue.TakeAsync(cts.Token));
    }
}
