using CloudMesh.Grpc.Internal;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Grpc.Server;

/// <summary>
/// Serves one method of one service: the request delegate of its endpoint. Resolves the service per call (from
/// DI if registered, else created and disposed per call, as Grpc.AspNetCore does), runs the handler and turns its
/// outcome into the call's status.
/// </summary>
internal sealed class ServerCallHandler<TService, TRequest, TResponse>
    where TService : class
    where TRequest : class
    where TResponse : class
{
    // Built on first use: a service that DI always provides need not have a constructor ActivatorUtilities can use.
    private static ObjectFactory<TService>? s_createService;

    private readonly Method<TRequest, TResponse> _method;
    private readonly ServiceMethodInvoker<TService, TRequest, TResponse> _invoker;
    private readonly GrpcServiceOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    public ServerCallHandler(
        Method<TRequest, TResponse> method,
        ServiceMethodInvoker<TService, TRequest, TResponse> invoker,
        GrpcServiceOptions options,
        ILogger logger,
        TimeProvider timeProvider)
    {
        _method = method;
        _invoker = invoker;
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        if (!GrpcRequestValidation.TryValidate(httpContext))
        {
            return;
        }

        var call = new HttpContextServerCallContext(httpContext, _method.FullName, _options, _logger, _timeProvider);
        TService? createdService = null;
        try
        {
            call.Initialize();
            var service = httpContext.RequestServices.GetService<TService>()
                ?? (createdService = (s_createService ??= ActivatorUtilities.CreateFactory<TService>([]))(httpContext.RequestServices, null));
            await InvokeAsync(service, httpContext, call).ConfigureAwait(false);
            await call.EndCallAsync(call.Status).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await call.ProcessHandlerErrorAsync(ex).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseAsync(createdService).ConfigureAwait(false);
            await call.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task InvokeAsync(TService service, HttpContext httpContext, HttpContextServerCallContext call)
    {
        var reader = new GrpcMessageReader<TRequest>(
            httpContext.Request.BodyReader,
            _method.RequestMarshaller.ContextualDeserializer,
            _options.MaxReceiveMessageSize,
            _options.CompressionProviders)
        {
            Encoding = call.RequestEncoding,
        };
        var writer = new GrpcMessageWriter<TResponse>(httpContext.Response.BodyWriter, _method.ResponseMarshaller.ContextualSerializer, _options.MaxSendMessageSize)
        {
            CompressionLevel = _options.ResponseCompressionLevel,
        };

        switch (_method.Type)
        {
            case MethodType.Unary:
            {
                var request = await ReadSingleRequestAsync(reader, call).ConfigureAwait(false);
                var response = await _invoker.Unary!(service, request, call).ConfigureAwait(false);
                await WriteSingleResponseAsync(writer, response, call).ConfigureAwait(false);
                break;
            }

            case MethodType.ClientStreaming:
            {
                var requestStream = new HttpContextStreamReader<TRequest>(call, reader);
                var response = await _invoker.ClientStreaming!(service, requestStream, call).ConfigureAwait(false);
                await WriteSingleResponseAsync(writer, response, call).ConfigureAwait(false);
                break;
            }

            case MethodType.ServerStreaming:
            {
                var request = await ReadSingleRequestAsync(reader, call).ConfigureAwait(false);
                await _invoker.ServerStreaming!(service, request, new HttpContextStreamWriter<TResponse>(call, writer), call).ConfigureAwait(false);
                break;
            }

            case MethodType.DuplexStreaming:
                await _invoker.DuplexStreaming!(
                    service,
                    new HttpContextStreamReader<TRequest>(call, reader),
                    new HttpContextStreamWriter<TResponse>(call, writer),
                    call).ConfigureAwait(false);
                break;

            default:
                throw new InvalidOperationException($"Unknown method type {_method.Type}.");
        }
    }

    private static async Task<TRequest> ReadSingleRequestAsync(GrpcMessageReader<TRequest> reader, HttpContextServerCallContext call)
    {
        if (!await reader.ReadNextAsync(call.CancellationToken).ConfigureAwait(false))
        {
            throw new RpcException(new Status(StatusCode.Internal, "Request stream ended without a message."));
        }

        var request = reader.Current;
        if (await reader.ReadNextAsync(call.CancellationToken).ConfigureAwait(false))
        {
            throw new RpcException(new Status(StatusCode.Internal, "Additional data after the message received."));
        }

        return request;
    }

    // The one response goes out with the trailers that follow it (BufferHint: no separate flush).
    private static Task WriteSingleResponseAsync(GrpcMessageWriter<TResponse> writer, TResponse response, HttpContextServerCallContext call) =>
        call.WriteMessageAsync(writer, response, (call.WriteOptions?.Flags ?? default) | WriteFlags.BufferHint, CancellationToken.None);

    private static async ValueTask ReleaseAsync(TService? createdService)
    {
        switch (createdService)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
