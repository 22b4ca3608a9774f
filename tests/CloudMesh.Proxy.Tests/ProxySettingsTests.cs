using System.Net;
using Microsoft.Extensions.Logging;
using CloudMesh.Proxy.Hosting;

namespace CloudMesh.Proxy.Tests;

public sealed class ProxySettingsTests
{
    private const string Arn = "arn:aws:appmesh:us-east-1:111122223333:mesh/shop/virtualNode/web";

    private static Func<string, string?> Env(params (string Key, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Key, v => v.Value);
        return key => map.GetValueOrDefault(key);
    }

    [Fact]
    public void Defaults_follow_App_Mesh_Envoy()
    {
        var settings = ProxySettings.FromEnvironment(Env());

        Assert.Equal(9901, settings.AdminPort);
        Assert.Equal(IPAddress.Any, settings.BindAddress);
        Assert.Empty(settings.ListenerPortMap);
        Assert.Equal(new Uri("http://127.0.0.1:8081"), settings.XdsEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.DrainTimeout);
        Assert.Equal(LogLevel.Information, settings.LogLevel);
    }

    [Fact]
    public void Ingress_and_egress_ports_remap_the_xDS_listeners_15000_and_15001()
    {
        var settings = ProxySettings.FromEnvironment(Env(("CLOUDMESH_PROXY_INGRESS_PORT", "25000"), ("CLOUDMESH_PROXY_EGRESS_PORT", "25001"),
            ("CLOUDMESH_PROXY_BIND_ADDRESS", "127.0.0.5"), ("ENVOY_ADMIN_ACCESS_PORT", "19901"), ("ENVOY_LOG_LEVEL", "debug")));

        Assert.Equal(25000, settings.ListenerPortMap[15000]);
        Assert.Equal(25001, settings.ListenerPortMap[15001]);
        Assert.Equal(IPAddress.Parse("127.0.0.5"), settings.BindAddress);
        Assert.Equal(19901, settings.AdminPort);
        Assert.Equal(LogLevel.Debug, settings.LogLevel);
    }

    [Theory]
    [InlineData("https://xds.example.com:8443", "https://xds.example.com:8443/")]
    [InlineData("http://10.0.0.5:8081", "http://10.0.0.5:8081/")]
    [InlineData("appmesh-envoy-management.us-west-2.amazonaws.com:443", "https://appmesh-envoy-management.us-west-2.amazonaws.com/")]
    [InlineData("cloudmesh.internal:8081", "http://cloudmesh.internal:8081/")]
    public void The_xDS_endpoint_is_a_URL_or_App_Meshs_host_and_port(string value, string expected) =>
        Assert.Equal(new Uri(expected), ProxySettings.FromEnvironment(Env(("APPMESH_XDS_ENDPOINT", value))).XdsEndpoint);

    [Theory]
    [InlineData("APPMESH_XDS_ENDPOINT", "ftp://x:1")]
    [InlineData("APPMESH_XDS_ENDPOINT", "no-port")]
    [InlineData("ENVOY_ADMIN_ACCESS_PORT", "70000")]
    [InlineData("CLOUDMESH_PROXY_INGRESS_PORT", "-1")]
    [InlineData("CLOUDMESH_PROXY_BIND_ADDRESS", "localhost")]
    [InlineData("ENVOY_LOG_LEVEL", "loud")]
    public void A_malformed_value_names_its_variable(string variable, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProxySettings.FromEnvironment(Env((variable, value))));
        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_xDS_options_carry_the_identity_token_and_a_state_file_per_identity()
    {
        var env = Env(("APPMESH_RESOURCE_ARN", Arn), ("CLOUDMESH_XDS_TOKEN", "cmx_abc"), ("APPMESH_XDS_ENDPOINT", "http://10.0.0.5:8081"));
        var settings = ProxySettings.FromEnvironment(env);

        var options = settings.XdsClientOptions(env);

        Assert.Equal(Arn, options.Node.Id);
        Assert.Equal(new Uri("http://10.0.0.5:8081"), options.ControlPlaneAddress);
        Assert.Contains(options.CallMetadata, e => e.Key == "authorization" && e.Value == "Bearer cmx_abc");
        Assert.EndsWith(".xds-state", options.StatePath, StringComparison.Ordinal);
        Assert.Contains("virtualNode_web", options.StatePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_identity_the_error_says_which_variable_to_set()
    {
        var env = Env();
        var error = Assert.Throws<InvalidOperationException>(() => ProxySettings.FromEnvironment(env).XdsClientOptions(env));
        Assert.Contains("APPMESH_RESOURCE_ARN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWS_credentials_without_a_token_sign_the_stream_in_the_region_of_the_ARN()
    {
        var env = Env(("APPMESH_RESOURCE_ARN", "arn:aws:appmesh:eu-west-1:111122223333:mesh/shop/virtualNode/web"),
            ("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "secret"), ("AWS_SESSION_TOKEN", "session"));

        var options = ProxySettings.FromEnvironment(env).XdsClientOptions(env);

        var signer = Assert.IsType<CloudMesh.Proxy.Xds.Configuration.XdsCallSigner>(options.Signer);
        Assert.Equal("eu-west-1", signer.Region);
        Assert.Equal("AKIAEXAMPLE", signer.AccessKeyId);
        Assert.Empty(options.CallMetadata);
        var signed = signer.Sign(new Uri("https://xds.example:443"), "/envoy.service.discovery.v3.AggregatedDiscoveryService/StreamAggregatedResources");
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/", Value(signed, "authorization"), StringComparison.Ordinal);
        Assert.Contains("/eu-west-1/appmesh/aws4_request", Value(signed, "authorization"), StringComparison.Ordinal);
        Assert.Equal("session", Value(signed, "x-amz-security-token"));
    }

    [Fact]
    public void AWS_REGION_overrides_the_ARN_and_a_token_wins_over_AWS_credentials()
    {
        var regional = Env(("APPMESH_RESOURCE_ARN", Arn), ("AWS_REGION", "ap-south-1"), ("AWS_ACCESS_KEY_ID", "AKIA1"), ("AWS_SECRET_ACCESS_KEY", "s"));
        Assert.Equal("ap-south-1", ProxySettings.FromEnvironment(regional).XdsClientOptions(regional).Signer!.Region);

        var both = Env(("APPMESH_RESOURCE_ARN", Arn), ("CLOUDMESH_XDS_TOKEN", "cmx_abc"), ("AWS_ACCESS_KEY_ID", "AKIA1"), ("AWS_SECRET_ACCESS_KEY", "s"));
        var options = ProxySettings.FromEnvironment(both).XdsClientOptions(both);
        Assert.Null(options.Signer);
        Assert.Contains(options.CallMetadata, e => e.Key == "authorization" && e.Value == "Bearer cmx_abc");
    }

    [Theory]
    [InlineData("AWS_ACCESS_KEY_ID")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    public void Half_an_AWS_key_pair_names_the_missing_variable(string present)
    {
        var env = Env(("APPMESH_RESOURCE_ARN", Arn), (present, "x"));
        var error = Assert.Throws<InvalidOperationException>(() => ProxySettings.FromEnvironment(env));
        Assert.Contains(present == "AWS_ACCESS_KEY_ID" ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID", error.Message, StringComparison.Ordinal);
    }

    private static string Value(global::Grpc.Core.Metadata metadata, string key) => metadata.Single(e => e.Key == key).Value;
}
