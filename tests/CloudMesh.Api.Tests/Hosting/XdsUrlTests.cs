using CloudMesh.Api.Hosting;
using Xunit;

namespace CloudMesh.Api.Tests.Hosting;

public sealed class XdsUrlTests
{
    [Fact]
    public async Task An_xds_url_without_an_explicit_port_is_refused_before_anything_starts()
    {
        // The database is never reached: the check comes first, so a bad setting fails fast and says which one.
        var options = new CloudMeshOptions { Database = "Host=127.0.0.1;Port=1;Timeout=1", XdsUrl = "http://127.0.0.1:0", Home = Path.GetTempPath() };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CloudMeshHost.StartAsync(options, [], _ => { }));
        Assert.Contains("CLOUDMESH_XDS_URL", error.Message);
        Assert.Contains("explicit port", error.Message);
    }
}
