namespace CloudMesh.SigV4.Tests.Support;

/// <summary>Credentials and a fixed signing moment shared by the tests.</summary>
internal static class TestCredentials
{
    public static readonly SigV4Credential Tenant = new("AKIDCLOUDMESHTEST01", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "123456789012");

    public static readonly DateTimeOffset SigningTime = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public const string SigningTimestamp = "20250102T030405Z";

    public static InMemorySigV4CredentialStore Store(params SigV4Credential[] extra) => new([Tenant, .. extra]);
}
