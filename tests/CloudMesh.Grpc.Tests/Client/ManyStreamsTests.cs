using System.Diagnostics;
using CloudMesh.Grpc.Tests.Protos;
using CloudMesh.Grpc.Tests.Support;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace CloudMesh.Grpc.Tests.Client;

/// <summary>
/// Thousands of long-lived bidirectional streams (an ADS server's normal load) held open at once through one
/// channel and one server in this process: every stream works, and the process does not grow a thread per stream.
/// </summary>
public sealed class ManyStreamsTests(CloudMeshServerFixture fixture, ITestOutputHelper output) : IClassFixture<CloudMeshServerFixture>
{
    private const int Streams = 2_000;

    [Fact]
    public async Task Two_thousand_streams_stay_open_together_without_a_thread_each()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.Address);
        var client = new TestService.TestServiceClient(channel);
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        var calls = new AsyncDuplexStreamingCall<TestRequest, TestReply>[Streams];
        try
        {
            // Open every stream and complete one ping-pong on each; all stay open afterwards.
            await Parallel.ForEachAsync(Enumerable.Range(0, Streams), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
            {
                calls[i] = client.Bidi();
                await calls[i].RequestStream.WriteAsync(new TestRequest { Message = $"stream {i}" });
                Assert.True(await calls[i].ResponseStream.MoveNext(CancellationToken.None));
                Assert.Equal($"stream {i}", calls[i].ResponseStream.Current.Message);
            });

            var threads = Process.GetCurrentProcess().Threads.Count;
            var memoryPerStream = (GC.GetTotalMemory(forceFullCollection: true) - memoryBefore) / Streams;
            output.WriteLine($"{Streams} open streams (client and server in this process): {threads} threads, about {memoryPerStream} bytes of managed heap per stream.");
            Assert.True(threads < 500, $"{threads} threads for {Streams} open streams");

            // A second round on every open stream, then a clean end for each.
            await Parallel.ForEachAsync(Enumerable.Range(0, Streams), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
            {
                await calls[i].RequestStream.WriteAsync(new TestRequest { Message = $"again {i}" });
                Assert.True(await calls[i].ResponseStream.MoveNext(CancellationToken.None));
                Assert.Equal(1, calls[i].ResponseStream.Current.Index);
                await calls[i].RequestStream.CompleteAsync();
                Assert.False(await calls[i].ResponseStream.MoveNext(CancellationToken.None));
                Assert.Equal(StatusCode.OK, calls[i].GetStatus().StatusCode);
            });
        }
        finally
        {
            foreach (var call in calls)
            {
                call?.Dispose();
            }
        }
    }
}
