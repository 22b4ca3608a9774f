using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Pulumirpc;

namespace CloudMesh.Pulumi.Provider.Rpc;

/// <summary>
/// The server side of Pulumi's <c>pulumirpc.ResourceProvider</c> service, shaped like a Grpc.Tools-generated base class:
/// each RPC the provider binds is a virtual method that answers UNIMPLEMENTED until overridden. RPCs not listed here
/// (Parameterize, Call, Construct) are not bound, so the server answers UNIMPLEMENTED for them too; the engine calls
/// them only for parameterized packages and component resources, which this package has none of (docs/pulumi.md).
/// </summary>
[BindServiceMethod(typeof(ResourceProviderBinding), nameof(ResourceProviderBinding.BindService))]
internal abstract class ResourceProviderBase
{
    /// <summary>The engine's first call: its address and the protocol features both sides support.</summary>
    public virtual Task<ProviderHandshakeResponse> Handshake(ProviderHandshakeRequest request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Returns the package schema (schema.json).</summary>
    public virtual Task<GetSchemaResponse> GetSchema(GetSchemaRequest request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Validates provider configuration.</summary>
    public virtual Task<CheckResponse> CheckConfig(CheckRequest request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Compares two provider configurations.</summary>
    public virtual Task<DiffResponse> DiffConfig(DiffRequest request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Configures the provider and negotiates protocol features.</summary>
    public virtual Task<ConfigureResponse> Configure(ConfigureRequest request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Runs a function (data source).</summary>
    public virtual Task<InvokeResponse> Invoke(InvokeRequest request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Validates a resource's inputs and fills defaults.</summary>
    public virtual Task<CheckResponse> Check(CheckRequest request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Compares a resource's old state with new inputs.</summary>
    public virtual Task<DiffResponse> Diff(DiffRequest request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Creates a resource.</summary>
    public virtual Task<CreateResponse> Create(CreateRequest request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Reads a resource's live state (refresh, import).</summary>
    public virtual Task<ReadResponse> Read(ReadRequest request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Updates a resource in place.</summary>
    public virtual Task<UpdateResponse> Update(UpdateRequest request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Deletes a resource.</summary>
    public virtual Task<Empty> Delete(DeleteRequest request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Asks the provider to abort operations in flight.</summary>
    public virtual Task<Empty> Cancel(Empty request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Returns the plugin's version.</summary>
    public virtual Task<PluginInfo> GetPluginInfo(Empty request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Gives an already running provider the engine's address.</summary>
    public virtual Task<Empty> Attach(PluginAttach request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Returns conversion mappings for a source ecosystem.</summary>
    public virtual Task<GetMappingResponse> GetMapping(GetMappingRequest request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Lists the source providers that have mappings.</summary>
    public virtual Task<GetMappingsResponse> GetMappings(GetMappingsRequest request, ServerCallContext context) => throw Unimplemented();

    private static RpcException Unimplemented() => new(new Status(StatusCode.Unimplemented, "Method is unimplemented."));
}
