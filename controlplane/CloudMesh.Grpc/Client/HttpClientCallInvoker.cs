using Grpc.Core;
using Grpc.Net.Client;

namespace CloudMesh.Grpc.Client;

/// <summary>A <see cref="GrpcChannel"/>'s invoker: one <see cref="GrpcCall{TRequest,TResponse}"/> per call.</summary>
internal sealed class HttpClientCallInvoker(GrpcChannel channel) : CallInvoker
{
    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        using var call = AsyncUnaryCall(method, host, options, request);
        return call.ResponseAsync.GetAwaiter().GetResult();
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = new GrpcCall<TRequest, TResponse>(channel, method, host, options);
        call.Start(request);
        return new AsyncUnaryCall<TResponse>(
            call.ReadSingleResponseAsync(),
            static state => ((GrpcCall<TRequest, TResponse>)state).ResponseHeadersAsync,
            static state => ((GrpcCall<TRequest, TResponse>)state).GetStatus(),
            static state => ((GrpcCall<TRequest, TResponse>)state).GetTrailers(),
            static state => ((GrpcCall<TRequest, TResponse>)state).Dispose(),
            call);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = new GrpcCall<TRequest, TResponse>(channel, method, host, options);
        call.Start(request);
        return new AsyncServerStreamingCall<TResponse>(
            new ClientStreamReader<TRequest, TResponse>(call),
            static state => ((GrpcCall<TRequest, TResponse>)state).ResponseHeadersAsync,
            static state => ((GrpcCall<TRequest, TResponse>)state).GetStatus(),
            static state => ((GrpcCall<TRequest, TResponse>)state).GetTrailers(),
            static state => ((GrpcCall<TRequest, TResponse>)state).Dispose(),
            call);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var call = new GrpcCall<TRequest, TResponse>(channel, method, host, options);
        var content = new PushStreamContent();
        call.Start(content);
        return new AsyncClientStreamingCall<TRequest, TResponse>(
            new ClientStreamWriter<TRequest, TResponse>(call, content),
            call.ReadSingleResponseAsync(),
            static state => ((GrpcCall<TRequest, TResponse>)state).ResponseHeadersAsync,
            static state => ((GrpcCall<TRequest, TResponse>)state).GetStatus(),
            static state => ((GrpcCall<TRequest, TResponse>)state).GetTrailers(),
            static state => ((GrpcCall<TRequest, TResponse>)state).Dispose(),
            call);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var call = new GrpcCall<TRequest, TResponse>(channel, method, host, options);
        var content = new PushStreamContent();
        call.Start(content);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            new ClientStreamWriter<TRequest, TResponse>(call, content),
            new ClientStreamReader<TRequest, TResponse>(call),
            static state => ((GrpcCall<TRequest, TResponse>)state).ResponseHeadersAsync,
            static state => ((GrpcCall<TRequest, TResponse>)state).GetStatus(),
            static state => ((GrpcCall<TRequest, TResponse>)state).GetTrailers(),
            static state => ((GrpcCall<TRequest, TResponse>)state).Dispose(),
            call);
    }
}
