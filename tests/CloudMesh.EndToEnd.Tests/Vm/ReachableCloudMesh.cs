using CloudMesh.Api.Hosting;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;

namespace CloudMesh.EndToEnd.Tests.Vm;

/// <summary>
/// The shared CloudMesh fixture with its xDS listener on every host address (0.0.0.0), so that the "VMs" of a
/// <see cref="NetworkLab"/> reach it over the lab's LAN at <see cref="NetworkLab.HostAddress"/>.
/// </summary>
public sealed class ReachableCloudMesh : CloudMeshApiFixture
{
    /// <inheritdoc />
    protected override void Configure(CloudMeshOptions options) => options.XdsUrl = $"http://0.0.0.0:{FreePort.Get()}";
}
