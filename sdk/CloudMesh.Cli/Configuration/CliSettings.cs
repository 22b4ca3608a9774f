using Amazon.Runtime.CredentialManagement;

namespace CloudMesh.Cli.Configuration;

/// <summary>
/// Where the CLI finds CloudMesh and how it authenticates, resolved once per invocation from the global options and the
/// environment (options win): the API endpoint, CloudMesh's home folder (which <c>cloudmesh up</c> fills with the
/// admin token and the default tenant's credentials), the admin token, and the AWS profile and region for tenant calls.
/// </summary>
/// <param name="Endpoint">The API's base address.</param>
/// <param name="Home">CloudMesh's home folder (<c>CLOUDMESH_HOME</c>, default <c>~/.cloudmesh</c>).</param>
/// <param name="AdminTokenOption">The admin token given on the command line or in <c>CLOUDMESH_ADMIN_TOKEN</c>.</param>
/// <param name="Profile">The AWS profile for tenant calls (<c>--profile</c> or <c>AWS_PROFILE</c>); null means the default chain.</param>
/// <param name="Region">The signing region (<c>--region</c>, <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>); null means the profile's or us-east-1.</param>
internal sealed record CliSettings(Uri Endpoint, string Home, string? AdminTokenOption, string? Profile, string? Region)
{
    /// <summary>The API address used when nothing else is configured: where <c>cloudmesh up</c> listens by default.</summary>
    public const string DefaultEndpoint = "http://127.0.0.1:8080";

    /// <summary>Resolves the settings; <paramref name="env"/> reads environment variables.</summary>
    public static CliSettings Resolve(string? endpoint, string? profile, string? region, string? adminToken, Func<string, string?> env)
    {
        var profileName = NonEmpty(profile) ?? NonEmpty(env("AWS_PROFILE"));
        var endpointText = NonEmpty(endpoint) ?? NonEmpty(env("CLOUDMESH_ENDPOINT")) ?? NonEmpty(env("AWS_ENDPOINT_URL_APP_MESH"))
                           ?? NonEmpty(env("AWS_ENDPOINT_URL"))
                           // The profile that signs (named, else the one `cloudmesh up` writes) may say where CloudMesh is.
                           ?? ProfileEndpoint(profileName ?? TenantCredentials.CloudMeshProfile)
                           ?? DefaultEndpoint;
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"The endpoint '{endpointText}' is not an http:// or https:// URL.", CliExitCodes.Usage);
        }

        return new CliSettings(
            uri,
            NonEmpty(env("CLOUDMESH_HOME")) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cloudmesh"),
            NonEmpty(adminToken) ?? NonEmpty(env("CLOUDMESH_ADMIN_TOKEN")),
            profileName,
            NonEmpty(region) ?? NonEmpty(env("AWS_REGION")) ?? NonEmpty(env("AWS_DEFAULT_REGION")));
    }

    /// <summary>The file in which the server keeps a generated admin token.</summary>
    public string AdminTokenFile => Path.Combine(Home, "admin-token");

    /// <summary>The file in which the server keeps the default tenant's credentials (AWS CLI credentials format).</summary>
    public string DefaultTenantCredentialsFile => Path.Combine(Home, "default-tenant.credentials");

    /// <summary>The admin token: the option or environment variable, else the server's generated token file.</summary>
    public string RequireAdminToken()
    {
        if (AdminTokenOption is { } token)
        {
            return token;
        }

        if (File.Exists(AdminTokenFile))
        {
            return File.ReadAllText(AdminTokenFile).Trim();
        }

        throw new CliException(
            $"No admin token: pass --admin-token, set CLOUDMESH_ADMIN_TOKEN, or run on the machine where `cloudmesh up` keeps it ({AdminTokenFile}).");
    }

    private static string? ProfileEndpoint(string profile) =>
        new CredentialProfileStoreChain().TryGetProfile(profile, out var found) ? NonEmpty(found.EndpointUrl) : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
