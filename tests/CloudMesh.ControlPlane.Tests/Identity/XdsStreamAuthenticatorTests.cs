using CloudMesh.ControlPlane.Hosting;
using CloudMesh.ControlPlane.Identity;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Tests.Support;
using Envoy.Config.Core.V3;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CloudMesh.ControlPlane.Tests.Identity;

/// <summary>
/// Stream authentication on the call as it arrives; SigV4 metadata comes from botocore signing the way Envoy's
/// aws_iam plugin does (see envoy_aws_iam_sign.py), not from CloudMesh's own signer.
/// </summary>
public sealed class XdsStreamAuthenticatorTests
{
    private const string Host = "cloudmesh.test:18000";
    private static readonly ControlPlaneOptions Options = new() { Region = "us-east-1" };

    private static XdsStreamAuthenticator NewAuthenticator() =>
        new(Options, TimeProvider.System, TestTenant.Tokens(), TestTenant.CredentialStore());

    private static Node NodeFor(string id, string? token = null)
    {
        var node = new Node { Id = id };
        if (token is not null)
        {
            node.Metadata = new Struct { Fields = { ["cloudmesh.token"] = Value.ForString(token) } };
        }

        return node;
    }

    private static XdsCallInfo Call(params (string Name, string Value)[] headers) =>
        new(Host, EnvoyAwsIamSigner.SotwPath, [.. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))]);

    [Fact]
    public async Task SigV4_as_Envoy_signs_binds_the_legacy_node_id_to_the_keys_tenant()
    {
        IReadOnlyList<KeyValuePair<string, string>> signed = await EnvoyAwsIamSigner.SignAsync(Host, EnvoyAwsIamSigner.SotwPath, TestTenant.A);
        var call = new XdsCallInfo(Host, EnvoyAwsIamSigner.SotwPath, [new("te", "trailers"), .. signed, new("user-agent", "envoy")]);

        XdsAuthenticationResult result = await NewAuthenticator().AuthenticateAsync(call, NodeFor("mesh/shop/virtualNode/cart"), default);

        Assert.True(result.Succeeded, result.Failure.Detail);
        Assert.Equal(new ProxyIdentity(TestTenant.A.AccountId, "shop", ProxyKind.VirtualNode, "cart"), result.Identity);
        Assert.Equal(XdsAuthenticationMethod.SigV4, result.Method);
    }

    [Fact]
    public async Task SigV4_over_TLS_signs_the_host_without_port_443_and_still_verifies()
    {
        // gRPC C++ drops ":443" from the service URL Envoy signs, while :authority keeps it.
        IReadOnlyList<KeyValuePair<string, string>> signed = await EnvoyAwsIamSigner.SignAsync("appmesh.cloudmesh.test", EnvoyAwsIamSigner.SotwPath, TestTenant.B);
        var call = new XdsCallInfo("appmesh.cloudmesh.test:443", EnvoyAwsIamSigner.SotwPath, signed);

        XdsAuthenticationResult result = await NewAuthenticator().AuthenticateAsync(
            call, NodeFor($"arn:aws:appmesh:us-east-1:{TestTenant.B.AccountId}:mesh/m/virtualGateway/gw"), default);

        Assert.True(result.Succeeded, result.Failure.Detail);
        Assert.Equal(ProxyKind.VirtualGateway, result.Identity.Kind);
    }

    [Fact]
    public async Task SigV4_signed_for_another_method_path_is_refused()
    {
        IReadOnlyList<KeyValuePair<string, string>> signed = await EnvoyAwsIamSigner.SignAsync(Host, EnvoyAwsIamSigner.DeltaPath, TestTenant.A);
        var call = new XdsCallInfo(Host, EnvoyAwsIamSigner.SotwPath, signed);

        XdsAuthenticationResult result = await NewAuthenticator().AuthenticateAsync(call, NodeFor("mesh/shop/virtualNode/cart"), default);

        Assert.False(result.Succeeded);
        Assert.Equal(StatusCode.Unauthenticated, result.Failure.StatusCode);
        Assert.Contains("SigV4 verification failed (InvalidSignatureException)", result.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigV4_with_an_unknown_key_is_refused()
    {
        var stranger = new TestTenant("999999999999", "AKIDUNKNOWN000000009", "nope", "nope");
        IReadOnlyList<KeyValuePair<string, string>> signed = await EnvoyAwsIamSigner.SignAsync(Host, EnvoyAwsIamSigner.SotwPath, stranger);

        XdsAuthenticationResult result = await NewAuthenticator().AuthenticateAsync(
            new XdsCallInfo(Host, EnvoyAwsIamSigner.SotwPath, signed), NodeFor("mesh/shop/virtualNode/cart"), default);

        Assert.Equal(StatusCode.Unauthenticated, result.Failure.StatusCode);
        Assert.Contains("UnrecognizedClientException", result.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ARN_of_another_account_than_the_authenticated_one_is_permission_denied()
    {
        XdsAuthenticationResult result = await NewAuthenticator().AuthenticateAsync(
            Call(("authorization", $"Bearer {TestTenant.A.XdsToken}")),
            NodeFor($"arn:aws:appmesh:us-east-1:{TestTenant.B.AccountId}:mesh/shop/virtualNode/cart"),
            default);

        Assert.Equal(StatusCode.PermissionDenied, result.Failure.StatusCode);
        Assert.Contains($"belongs to account {TestTenant.B.AccountId}", result.Failure.Detail, StringComparison.Ordinal);
        Assert.Contains($"authenticated as account {TestTenant.A.AccountId}", result.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ARN_of_another_region_is_permission_denied()
    {
        XdsAuthenticationResult result = await NewAuthenticator().AuthenticateAsync(
            Call(("authorization", $"Bearer {TestTenant.A.XdsToken}")),
            NodeFor($"arn:aws:appmesh:eu-west-1:{TestTenant.A.AccountId}:mesh/shop/virtualNode/cart"),
            default);

        Assert.Equal(StatusCode.PermissionDenied, result.Failure.StatusCode);
        Assert.Contains("serves region us-east-1", result.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unparseable_node_id_is_permission_denied_once_authenticated()
    {
        XdsAuthenticationResult result = await NewAuthenticator().AuthenticateAsync(
            Call(("authorization", $"Bearer {TestTenant.A.XdsToken}")), NodeFor("sidecar-7"), default);

        Assert.Equal(StatusCode.PermissionDenied, result.Failure.StatusCode);
        Assert.Contains("mesh/<mesh>/virtualNode/<name>", result.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bearer_token_in_metadata_authenticates()
    {
        XdsAuthenticationResult result = await NewAuthenticator().AuthenticateAsync(
            Call(("authorization", $"Bearer {TestTenant.B.XdsToken}")), NodeFor("mesh/m/virtualNode/n"), default);

        Assert.True(result.Succeeded);
        Assert.Equal(TestTenant.B.AccountId, result.Identity.AccountId);
        Assert.Equal(XdsAuthenticationMethod.BearerToken, result.Method);
    }

    [Fact]
    public async Task A_token_in_node_metadata_authenticates_stock_xDS_clients()
    {
        XdsAuthenticationResult result = await NewAuthenticator().AuthenticateAsync(
            Call(), NodeFor("mesh/m/virtualNode/n", token: TestTenant.A.XdsToken), default);

        Assert.True(result.Succeeded);
        Assert.Equal(TestTenant.A.AccountId, result.Identity.AccountId);
        Assert.Equal(XdsAuthenticationMethod.NodeMetadataToken, result.Method);
    }

    [Fact]
    public async Task A_nested_node_metadata_token_works_too()
    {
        var node = new Node
        {
            Id = "mesh/m/virtualNode/n",
            Metadata = new Struct
            {
                Fields = { ["cloudmesh"] = Value.ForStruct(new Struct { Fields = { ["token"] = Value.ForString(TestTenant.B.XdsToken) } }) },
            },
        };

        XdsAuthenticationResult result = await NewAuthenticator().AuthenticateAsync(Call(), node, default);

        Assert.Equal(TestTenant.B.AccountId, result.Identity!.AccountId);
    }

    [Theory]
    [InlineData("Bearer not-a-token", "unknown or revoked")]
    [InlineData("Basic dXNlcjpwYXNz", "Unsupported authorization scheme")]
    public async Task Bad_credentials_are_unauthenticated(string authorization, string expected)
    {
        XdsAuthenticationResult result = await NewAuthenticator().AuthenticateAsync(
            Call(("authorization", authorization)), NodeFor("mesh/m/virtualNode/n"), default);

        Assert.Equal(StatusCode.Unauthenticated, result.Failure.StatusCode);
        Assert.Contains(expected, result.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_credentials_at_all_is_unauthenticated_and_says_how_to_authenticate()
    {
        XdsAuthenticationResult result = await NewAuthenticator().AuthenticateAsync(Call(), NodeFor("mesh/m/virtualNode/n"), default);

        Assert.Equal(StatusCode.Unauthenticated, result.Failure.StatusCode);
        Assert.Contains("cloudmesh.token", result.Failure.Detail, StringComparison.Ordinal);
        Assert.Contains("signing name appmesh", result.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Methods_without_a_backing_store_are_disabled()
    {
        var authenticator = new XdsStreamAuthenticator(Options, TimeProvider.System);

        XdsAuthenticationResult result = await authenticator.AuthenticateAsync(
            Call(("authorization", $"Bearer {TestTenant.A.XdsToken}")), NodeFor("mesh/m/virtualNode/n"), default);

        Assert.Contains("not enabled", result.Failure.Detail, StringComparison.Ordinal);
    }
}
