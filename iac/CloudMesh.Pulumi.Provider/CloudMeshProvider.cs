using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Pulumi.Provider.Configuration;
using CloudMesh.Pulumi.Provider.Hosting;
using CloudMesh.Pulumi.Provider.Properties;
using CloudMesh.Pulumi.Provider.Resources;
using CloudMesh.Pulumi.Provider.Rpc;
using CloudMesh.Pulumi.Provider.Schema;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Pulumirpc;

namespace CloudMesh.Pulumi.Provider;

/// <summary>
/// The <c>pulumirpc.ResourceProvider</c> service of pulumi-resource-cloudmesh: translates each RPC into checks, diffs and
/// App Mesh API calls. One instance serves the whole process (it is registered as a singleton).
/// </summary>
internal sealed class CloudMeshProvider(ProviderState state, EngineWatch engineWatch, ILogger<CloudMeshProvider> logger) : ResourceProviderBase
{
    /// <summary>
    /// The protocol features this provider supports, answered alike by Handshake and Configure (the protocol requires
    /// the two to match). Secrets are declined on purpose: the engine then sends inputs without secret wrappers and marks
    /// every output (and checked input) whose input of the same name was secret as secret again (annotateSecrets in
    /// sdk/go/common/resource/plugin/provider_plugin.go); the provider has no secret of its own to return, so this keeps
    /// a secret in a spec or tag out of the state in plain text. Resource references and output values are declined
    /// too (no input takes a resource). Autonaming configuration is supported (Check honours it).
    /// </summary>
    private static ProviderHandshakeResponse Features() => new()
    {
        AcceptSecrets = false,
        AcceptResources = false,
        AcceptOutputs = false,
        SupportsAutonamingConfiguration = true,
    };

    /// <inheritdoc />
    public override Task<ProviderHandshakeResponse> Handshake(ProviderHandshakeRequest request, ServerCallContext context)
    {
        // The engine's address also arrives as the first argument when the engine starts the plugin; when it attaches to
        // a running one (PULUMI_DEBUG_PROVIDERS), the handshake is where it comes from. EngineWatch keeps the first.
        engineWatch.Watch(request.EngineAddress);
        return Task.FromResult(Features());
    }

    /// <inheritdoc />
    public override Task<PluginInfo> GetPluginInfo(Empty request, ServerCallContext context) =>
        Task.FromResult(new PluginInfo { Version = ResourceTypes.Version });

    /// <inheritdoc />
    public override Task<GetSchemaResponse> GetSchema(GetSchemaRequest request, ServerCallContext context)
    {
        if (request.SubpackageName.Length > 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"The cloudmesh provider has no sub-package '{request.SubpackageName}'."));
        }

        return Task.FromResult(new GetSchemaResponse { Schema = PackageSchema.Text });
    }

    /// <inheritdoc />
    public override Task<CheckResponse> CheckConfig(CheckRequest request, ServerCallContext context)
    {
        var news = PropertyValues.ToJson(request.News);
        var (_, failures) = ProviderConfig.Resolve(news, Environment.GetEnvironmentVariable);
        var response = new CheckResponse { Inputs = request.News ?? new Struct() };
        response.Failures.AddRange(failures);
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<DiffResponse> DiffConfig(DiffRequest request, ServerCallContext context)
    {
        var olds = Unqualified(PropertyValues.ToJson(request.OldInputs?.Fields.Count > 0 ? request.OldInputs : request.Olds));
        var news = Unqualified(PropertyValues.ToJson(request.News));
        var response = new DiffResponse { HasDetailedDiff = true };
        foreach (var key in ProviderConfig.EnvironmentFallbacks.Keys)
        {
            if (JsonNode.DeepEquals(olds[key], news[key]))
            {
                continue;
            }

            // Another endpoint or region is another set of resources: the provider (and what it manages) is replaced.
            var replaces = key is "endpoint" or "region";
            var kind = (olds[key], news[key]) switch
            {
                (null, _) => replaces ? PropertyDiff.Types.Kind.AddReplace : PropertyDiff.Types.Kind.Add,
                (_, null) => replaces ? PropertyDiff.Types.Kind.DeleteReplace : PropertyDiff.Types.Kind.Delete,
                _ => replaces ? PropertyDiff.Types.Kind.UpdateReplace : PropertyDiff.Types.Kind.Update,
            };
            response.Diffs.Add(key);
            response.DetailedDiff[key] = new PropertyDiff { Kind = kind, InputDiff = true };
            if (replaces)
            {
                response.Replaces.Add(key);
            }
        }

        response.Changes = response.Diffs.Count > 0 ? DiffResponse.Types.DiffChanges.DiffSome : DiffResponse.Types.DiffChanges.DiffNone;
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<ConfigureResponse> Configure(ConfigureRequest request, ServerCallContext context)
    {
        // Older engines send only `variables` (strings keyed cloudmesh:config:<key>); newer ones `args` as well.
        var values = PropertyValues.ToJson(request.Args);
        foreach (var (key, value) in request.Variables)
        {
            values.TryAdd(key, value);
        }

        var (config, failures) = ProviderConfig.Resolve(values, Environment.GetEnvironmentVariable);
        if (config is null)
        {
            // The engine configures a provider only once its configuration is known; say so if one arrives unknown.
            var reasons = failures.Count > 0 ? string.Join("; ", failures.Select(f => $"{f.Property}: {f.Reason}")) : "some values are not known yet";
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Invalid cloudmesh provider configuration: {reasons}"));
        }

        try
        {
            state.Configure(config);
        }
        catch (InvalidOperationException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }

        logger.LogInformation("Configured for {Endpoint} ({Region})", config.Endpoint, config.Region);
        var features = Features();
        return Task.FromResult(new ConfigureResponse
        {
            AcceptSecrets = features.AcceptSecrets,
            SupportsPreview = true,
            AcceptResources = features.AcceptResources,
            AcceptOutputs = features.AcceptOutputs,
            SupportsAutonamingConfiguration = features.SupportsAutonamingConfiguration,
        });
    }

    /// <inheritdoc />
    public override Task<CheckResponse> Check(CheckRequest request, ServerCallContext context)
    {
        var kind = KindOf(request.Type, request.Urn);
        var (inputs, failures) = InputChecker.Check(kind, request.Name.Length > 0 ? request.Name : NameFromUrn(request.Urn),
            PropertyValues.ToJson(request.Olds), PropertyValues.ToJson(request.News), request.RandomSeed.Span, request.Autonaming);
        var response = new CheckResponse { Inputs = PropertyValues.ToStruct(inputs) };
        response.Failures.AddRange(failures);
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<DiffResponse> Diff(DiffRequest request, ServerCallContext context)
    {
        var kind = KindOf(request.Type, request.Urn);
        // Old inputs, when the engine sends them, keep server-side defaults in the outputs from showing as changes.
        var olds = PropertyValues.ToJson(request.OldInputs?.Fields.Count > 0 ? request.OldInputs : request.Olds);
        return Task.FromResult(ResourceDiffer.Diff(kind, olds, PropertyValues.ToJson(request.Olds), PropertyValues.ToJson(request.News), request.IgnoreChanges));
    }

    /// <inheritdoc />
    public override async Task<CreateResponse> Create(CreateRequest request, ServerCallContext context)
    {
        var kind = KindOf(request.Type, request.Urn);
        var properties = PropertyValues.ToJson(request.Properties);
        if (request.Preview)
        {
            // A preview must not touch the API: what it will assign is unknown until the update runs.
            return new CreateResponse { Properties = PropertyValues.ToStruct(PreviewOutputs.ForCreate(kind, properties)) };
        }

        var inputs = Inputs(kind, properties);
        var (id, outputs) = await ApiErrors.RunAsync($"Creating {inputs.Key}", request.Timeout, context.CancellationToken, state.CancelAll,
            ct => state.Operations.CreateAsync(inputs, ct));
        return new CreateResponse { Id = id, Properties = PropertyValues.ToStruct(outputs) };
    }

    /// <inheritdoc />
    public override async Task<ReadResponse> Read(ReadRequest request, ServerCallContext context)
    {
        var kind = KindOf(request.Type, request.Urn);
        var outputs = await ApiErrors.RunAsync($"Reading {ResourceTypes.Token(kind)} {request.Id}", request.Timeout, context.CancellationToken, state.CancelAll,
            ct => WithValidId(() => state.Operations.ReadAsync(kind, request.Id, ct)));
        if (outputs is null)
        {
            // Gone: an empty id tells the engine to drop it from the state.
            return new ReadResponse();
        }

        var previousInputs = request.Inputs?.Fields.Count > 0 ? PropertyValues.ToJson(request.Inputs) : null;
        return new ReadResponse
        {
            Id = request.Id,
            Properties = PropertyValues.ToStruct(outputs),
            Inputs = PropertyValues.ToStruct(ResourceOutputs.ToInputs(kind, outputs, previousInputs)),
        };
    }

    /// <inheritdoc />
    public override async Task<UpdateResponse> Update(UpdateRequest request, ServerCallContext context)
    {
        var kind = KindOf(request.Type, request.Urn);
        var news = PropertyValues.ToJson(request.News);
        if (request.Preview)
        {
            // A preview must not touch the API: the new inputs, what an update keeps, and unknown for what it changes.
            return new UpdateResponse { Properties = PropertyValues.ToStruct(PreviewOutputs.ForUpdate(kind, PropertyValues.ToJson(request.Olds), news)) };
        }

        var inputs = Inputs(kind, news);
        var outputs = await ApiErrors.RunAsync($"Updating {inputs.Key}", request.Timeout, context.CancellationToken, state.CancelAll,
            ct => state.Operations.UpdateAsync(request.Id, inputs, ct));
        return new UpdateResponse { Properties = PropertyValues.ToStruct(outputs) };
    }

    /// <inheritdoc />
    public override async Task<Empty> Delete(DeleteRequest request, ServerCallContext context)
    {
        var kind = KindOf(request.Type, request.Urn);
        await ApiErrors.RunAsync($"Deleting {ResourceTypes.Token(kind)} {request.Id}", request.Timeout, context.CancellationToken, state.CancelAll,
            ct => WithValidId(() => state.Operations.DeleteAsync(kind, request.Id, ct)));
        return new Empty();
    }

    /// <inheritdoc />
    public override async Task<InvokeResponse> Invoke(InvokeRequest request, ServerCallContext context)
    {
        var kind = ResourceTypes.FromFunctionToken(request.Tok)
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, $"Unknown function '{request.Tok}'; this provider offers {string.Join(", ", ResourceKinds.All.Select(ResourceTypes.FunctionToken))}."));
        var (key, owner, failures) = FunctionArguments.Read(kind, PropertyValues.ToJson(request.Args));
        var response = new InvokeResponse();
        if (failures.Count > 0)
        {
            response.Failures.AddRange(failures);
            return response;
        }

        var outputs = await ApiErrors.RunAsync($"Reading {key}", 0, context.CancellationToken, state.CancelAll,
            ct => state.Operations.GetAsync(key, owner, ct))
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"{request.Tok}: {key} does not exist."));
        response.Return = PropertyValues.ToStruct(outputs);
        return response;
    }

    /// <inheritdoc />
    public override Task<Empty> Cancel(Empty request, ServerCallContext context)
    {
        state.Cancel();
        return Task.FromResult(new Empty());
    }

    /// <inheritdoc />
    public override Task<Empty> Attach(PluginAttach request, ServerCallContext context)
    {
        engineWatch.Watch(request.Address);
        return Task.FromResult(new Empty());
    }

    /// <inheritdoc />
    public override Task<GetMappingResponse> GetMapping(GetMappingRequest request, ServerCallContext context) =>
        Task.FromResult(new GetMappingResponse());

    /// <inheritdoc />
    public override Task<GetMappingsResponse> GetMappings(GetMappingsRequest request, ServerCallContext context) =>
        Task.FromResult(new GetMappingsResponse());

    private static ResourceKind KindOf(string type, string urn)
    {
        // Older engines send only the URN: urn:pulumi:<stack>::<project>::<type>::<name>.
        var token = type.Length > 0 ? type : urn.Split("::") is { Length: >= 4 } parts ? parts[2].Split('$')[^1] : "";
        return ResourceTypes.FromToken(token)
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, $"Unknown resource type '{token}'; this provider manages {string.Join(", ", ResourceKinds.All.Select(ResourceTypes.Token))}."));
    }

    private static string NameFromUrn(string urn) => urn.Split("::") is { Length: >= 4 } parts ? parts[^1] : "resource";

    private static ResourceInputs Inputs(ResourceKind kind, JsonObject properties)
    {
        try
        {
            return ResourceInputs.From(kind, properties);
        }
        catch (ArgumentException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
    }

    private static async Task<T> WithValidId<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (ArgumentException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
    }

    private static JsonObject Unqualified(JsonObject config) =>
        new(config.Select(p => KeyValuePair.Create(ProviderConfig.Unqualified(p.Key), p.Value?.DeepClone())).DistinctBy(p => p.Key));
}
