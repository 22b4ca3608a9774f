using System.Collections.Concurrent;
using CloudMesh.Grpc.Tests.Support;
using CloudMesh.TestSupport;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CloudMesh.Grpc.Tests.Server;

/// <summary>A client resetting a stream is ordinary (every proxy that reconnects does it): the server logs no error.</summary>
public sealed class ClientResetTests
{
    [Fact]
    public async Task A_reset_while_the_handler_waits_for_a_message_logs_no_error()
    {
        var logs = new ErrorLog();
        await using var server = await CloudMeshTestServer.StartAsync(logs: logs);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var client = new CloudMesh.Grpc.Tests.Protos.TestService.TestServiceClient(channel);
        var tag = Guid.NewGuid().ToString("N");

        using (var cancellation = new CancellationTokenSource())
        {
            using var call = client.Bidi(cancellationToken: cancellation.Token);
            await call.RequestStream.WriteAsync(new CloudMesh.Grpc.Tests.Protos.TestRequest { Tag = tag });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None)); // the handler now waits for the next message
            await cancellation.CancelAsync();
        }

        await Eventually.ReturnsAsync(() => Task.FromResult(server.Outcomes.Get("ended:" + tag)), o => o == "ended", "the handler to end");
        // The abort callback runs before the handler can observe the reset, so anything it logged is here by now.
        Assert.Empty(logs.Errors);
    }

    private sealed class ErrorLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Errors { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ErrorLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error)
                {
                    log.Errors.Enqueue($"{category}: {formatter(state, exception)} {exception?.Message}");
                }
            }
        }
    }
}
