using CloudMesh.SigV4;

namespace CloudMesh.ControlPlane.Tests.Support;

/// <summary>A tenant with an access key and an xDS token.</summary>
internal sealed record TestTenant(string AccountId, string AccessKeyId, string SecretAccessKey, string XdsToken)
{
    public static TestTenant A { get; } = new("111111111111", "AKIDTENANTA000000001", "secret/A+tenant/key0000000000000000000000", "xds-token-tenant-a");

    public static TestTenant B { get; } = new("222222222222", "AKIDTENANTB000000002", "secret/B+tenant/key0000000000000000000000", "xds-token-tenant-b");

    public SigV4Credential Credential => new(AccessKeyId, SecretAccessKey, AccountId);

    public static InMemorySigV4CredentialStore CredentialStore() => new([A.Credential, B.Credential]);

    public static InMemoryTokenValidator Tokens() => new(new Dictionary<string, string>
    {
        [A.XdsToken] = A.AccountId,
        [B.XdsToken] = B.AccountId,
    });
}
