using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Options;

namespace CloudMesh.Grpc.Server;

/// <summary>Starts a service's own options as a copy of the global ones; its configure actions run after.</summary>
internal sealed class GrpcServiceOptionsSetup<TService>(IOptions<GrpcServiceOptions> globalOptions) : IConfigureOptions<GrpcServiceOptions<TService>>
    where TService : class
{
    public void Configure(GrpcServiceOptions<TService> options) => options.CopyFrom(globalOptions.Value);
}
