using CloudMesh.ControlPlane.Compiler.Emit;
using CloudMesh.ControlPlane.Compiler.Specs;

namespace CloudMesh.ControlPlane.Compiler.Tests.Translation;

public sealed class EndpointAddressTests
{
    [Theory]
    [InlineData("10.0.0.1", "None", "10.0.0.1")]
    [InlineData("fd00:0:0::1", "None", "fd00::1")]
    [InlineData("10.1", "None", null)]
    [InlineData("1", "None", null)]
    [InlineData("host.internal", "None", null)]
    [InlineData("10.0.0.1", "IPv6Only", null)]
    [InlineData("fd00::1", "IPv4Only", null)]
    [InlineData("fd00::1", "IPv4Preferred", "fd00::1")]
    public void Only_strict_ip_literals_of_an_allowed_family_become_endpoints(string address, string preference, string? expected)
    {
        Assert.Equal(expected, EndpointAssignments.CanonicalAddress(address, Enum.Parse<IpPreference>(preference)));
    }
}
