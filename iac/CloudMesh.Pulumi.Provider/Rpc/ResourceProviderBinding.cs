using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Pulumirpc;

namespace CloudMesh.Pulumi.Provider.Rpc;

/// <summary>
/// The method descriptors of <c>pulumirpc.ResourceProvider</c> and the binder <c>MapGrpcService</c> calls: what Grpc.Tools
/// would generate with <c>GrpcServices="Server"</c>, written by hand because our .proto subset is compiled for messages
/// only (see Protos/pulumi/provider.proto).
/// </summary>
internal static class ResourceProviderBinding
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "pulumirpc.ResourceProvider";

    private static readonly Method<ProviderHandshakeRequest, ProviderHandshakeResponse> HandshakeMethod = Unary<ProviderHandshakeRequest, ProviderHandshakeResponse>("Handshake", ProviderHandshakeRequest.Parser, ProviderHandshakeResponse.Parser);
    private static readonly Method<GetSchemaRequest, GetSchemaResponse> GetSchemaMethod = Unary<GetSchemaRequest, GetSchemaResponse>("GetSchema", GetSchemaRequest.Parser, GetSchemaResponse.Parser);
    private static readonly Method<CheckRequest, CheckResponse> CheckConfigMethod = Unary<CheckRequest, CheckResponse>("CheckConfig", CheckRequest.Parser, CheckResponse.Parser);
    private static readonly Method<DiffRequest, DiffResponse> DiffConfigMethod = Unary<DiffRequest, DiffResponse>("DiffConfig", DiffRequest.Parser, DiffResponse.Parser);
    private static readonly Method<ConfigureRequest, ConfigureResponse> ConfigureMethod = Unary<ConfigureRequest, ConfigureResponse>("Configure", ConfigureRequest.Parser, ConfigureResponse.Parser);
    private static readonly Method<InvokeRequest, InvokeResponse> InvokeMethod = Unary<InvokeRequest, InvokeResponse>("Invoke", InvokeRequest.Parser, InvokeResponse.Parser);
    private static readonly Method<CheckRequest, CheckResponse> CheckMethod = Unary<CheckRequest, CheckResponse>("Check", CheckRequest.Parser, CheckResponse.Parser);
    private static readonly Method<DiffRequest, DiffResponse> DiffMethod = Unary<DiffRequest, DiffResponse>("Diff", DiffRequest.Parser, DiffResponse.Parser);
    private static readonly Method<CreateRequest, CreateResponse> CreateMethod = Unary<CreateRequest, CreateResponse>("Create", CreateRequest.Parser, CreateResponse.Parser);
    private static readonly Method<ReadRequest, ReadResponse> ReadMethod = Unary<ReadRequest, ReadResponse>("Read", ReadRequest.Parser, ReadResponse.Parser);
    private static readonly Method<UpdateRequest, UpdateResponse> UpdateMethod = Unary<UpdateRequest, UpdateResponse>("Update", UpdateRequest.Parser, UpdateResponse.Parser);
    private static readonly Method<DeleteRequest, Empty> DeleteMethod = Unary<DeleteRequest, Empty>("Delete", DeleteRequest.Parser, Empty.Parser);
    private static readonly Method<Empty, Empty> CancelMethod = Unary<Empty, Empty>("Cancel", Empty.Parser, Empty.Parser);
    private static readonly Method<Empty, PluginInfo> GetPluginInfoMethod = Unary<Empty, PluginInfo>("GetPluginInfo", Empty.Parser, PluginInfo.Parser);
    private static readonly Method<PluginAttach, Empty> AttachMethod = Unary<PluginAttach, Empty>("Attach", PluginAttach.Parser, Empty.Parser);
    private static readonly Method<GetMappingRequest, GetMappingResponse> GetMappingMethod = Unary<GetMappingRequest, GetMappingResponse>("GetMapping", GetMappingRequest.Parser, GetMappingResponse.Parser);
    private static readonly Method<GetMappingsRequest, GetMappingsResponse> GetMappingsMethod = Unary<GetMappingsRequest, GetMappingsResponse>("GetMappings", GetMappingsRequest.Parser, GetMappingsResponse.Parser);

    /// <summary>Binds every implemented RPC to <paramref name="service"/>'s methods (null when the server only collects descriptors).</summary>
    public static void BindService(ServiceBinderBase binder, ResourceProviderBase? service)
    {
        binder.AddMethod(HandshakeMethod, service is null ? null : new UnaryServerMethod<ProviderHandshakeRequest, ProviderHandshakeResponse>(service.Handshake));
        binder.AddMethod(GetSchemaMethod, service is null ? null : new UnaryServerMethod<GetSchemaRequest, GetSchemaResponse>(service.GetSchema));
        binder.AddMethod(CheckConfigMethod, service is null ? null : new UnaryServerMethod<CheckRequest, CheckResponse>(service.CheckConfig));
        binder.AddMethod(DiffConfigMethod, service is null ? null : new UnaryServerMethod<DiffRequest, DiffResponse>(service.DiffConfig));
        binder.AddMethod(ConfigureMethod, service is null ? null : new UnaryServerMethod<ConfigureRequest, ConfigureResponse>(service.Configure));
        binder.AddMethod(InvokeMethod, service is null ? null : new UnaryServerMethod<InvokeRequest, InvokeResponse>(service.Invoke));
        binder.AddMethod(CheckMethod, service is null ? null : new UnaryServerMethod<CheckRequest, CheckResponse>(service.Check));
        binder.AddMethod(DiffMethod, service is null ? null : new UnaryServerMethod<DiffRequest, DiffResponse>(service.Diff));
        binder.AddMethod(CreateMethod, service is null ? null : new UnaryServerMethod<CreateRequest, CreateResponse>(service.Create));
        binder.AddMethod(ReadMethod, service is null ? null : new UnaryServerMethod<ReadRequest, ReadResponse>(service.Read));
        binder.AddMethod(UpdateMethod, service is null ? null : new UnaryServerMethod<UpdateRequest, UpdateResponse>(service.Update));
        binder.AddMethod(DeleteMethod, service is null ? null : new UnaryServerMethod<DeleteRequest, Empty>(service.Delete));
        binder.AddMethod(CancelMethod, service is null ? null : new UnaryServerMethod<Empty, Empty>(service.Cancel));
        binder.AddMethod(GetPluginInfoMethod, service is null ? null : new UnaryServerMethod<Empty, PluginInfo>(service.GetPluginInfo));
        binder.AddMethod(AttachMethod, service is null ? null : new UnaryServerMethod<PluginAttach, Empty>(service.Attach));
        binder.AddMethod(GetMappingMethod, service is null ? null : new UnaryServerMethod<GetMappingRequest, GetMappingResponse>(service.GetMapping));
        binder.AddMethod(GetMappingsMethod, service is null ? null : new UnaryServerMethod<GetMappingsRequest, GetMappingsResponse>(service.GetMappings));
    }

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string name, MessageParser<TRequest> requests, MessageParser<TResponse> responses)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        new(MethodType.Unary, ServiceName, name, Marshal(requests), Marshal(responses));

    private static Marshaller<T> Marshal<T>(MessageParser<T> parser) where T : class, IMessage<T> =>
        Marshallers.Create<T>((message, context) => context.Complete(message.ToByteArray()), context => parser.ParseFrom(context.PayloadAsNewBuffer()));
}
