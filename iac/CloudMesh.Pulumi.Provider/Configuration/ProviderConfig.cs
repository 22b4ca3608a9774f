using System.Text.Json.Nodes;
using CloudMesh.Pulumi.Provider.Properties;
using Pulumirpc;

namespace CloudMesh.Pulumi.Provider.Configuration;

/// <summary>
/// The provider's configuration (<c>cloudmesh:endpoint</c>, <c>region</c>, <c>accessKey</c>, <c>secretKey</c>,
/// <c>profile</c>), each falling back to its environment variables as the package contract lists them.
/// </summary>
/// <param name="Endpoint">The CloudMesh API's base URL.</param>
/// <param name="Region">The SigV4 region (default us-east-1).</param>
/// <param name="AccessKey">The tenant access key id, if given.</param>
/// <param name="SecretKey">Its secret, if given.</param>
/// <param name="Profile">The shared-credentials profile used when no keys are given.</param>
internal sealed record ProviderConfig(Uri Endpoint, string Region, string? AccessKey, string? SecretKey, string? Profile)
{
    /// <summary>The region used when neither configuration nor environment names one.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>Each key with the environment variables that stand in for it, in order.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> EnvironmentFallbacks = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["endpoint"] = ["CLOUDMESH_ENDPOINT", "AWS_ENDPOINT_URL_APP_MESH", "AWS_ENDPOINT_URL"],
        ["region"] = ["AWS_REGION", "AWS_DEFAULT_REGION"],
        ["accessKey"] = ["AWS_ACCESS_KEY_ID"],
        ["secretKey"] = ["AWS_SECRET_ACCESS_KEY"],
        ["profile"] = ["AWS_PROFILE"],
    };

    /// <summary>
    /// Resolves the configuration, or returns the failures (per key) that prevent it. Keys may be plain
    /// (<c>endpoint</c>) or qualified (<c>cloudmesh:endpoint</c>, <c>cloudmesh:config:endpoint</c>); other keys the engine
    /// adds (<c>version</c>, ...) are ignored. A value not known yet (CheckConfig during a preview, when the program
    /// computes it from another resource) is not judged; the configuration is then null with no failure for it.
    /// </summary>
    public static (ProviderConfig? Config, IReadOnlyList<CheckFailure> Failures) Resolve(JsonObject values, Func<string, string?> environment)
    {
        var failures = new List<CheckFailure>();
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rawKey, value) in values)
        {
            var key = Unqualified(rawKey);
            if (!EnvironmentFallbacks.ContainsKey(key) || value is null)
            {
                continue;
            }

            if (PropertyValues.IsUnknown(value))
            {
                unknown.Add(key);
            }
            else if (value is JsonValue v && v.TryGetValue<string>(out var text))
            {
                given[key] = text;
            }
            else
            {
                failures.Add(new CheckFailure { Property = key, Reason = "expected a string" });
            }
        }

        string? Value(string key) =>
            given.TryGetValue(key, out var v) && v.Length > 0
                ? v
                : EnvironmentFallbacks[key].Select(environment).FirstOrDefault(e => !string.IsNullOrEmpty(e));

        var endpointText = unknown.Contains("endpoint") ? null : Value("endpoint");
        Uri? endpoint = null;
        if (unknown.Contains("endpoint"))
        {
            // Judged once known: the update's CheckConfig sees the value, and Configure is only called then.
        }
        else if (endpointText is null)
        {
            failures.Add(new CheckFailure
            {
                Property = "endpoint",
                Reason = "missing required configuration: set cloudmesh:endpoint or CLOUDMESH_ENDPOINT (or AWS_ENDPOINT_URL_APP_MESH, AWS_ENDPOINT_URL) to the CloudMesh API's URL",
            });
        }
        else if (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            failures.Add(new CheckFailure { Property = "endpoint", Reason = $"'{endpointText}' is not an absolute http or https URL" });
        }

        var (accessKey, secretKey) = (Value("accessKey"), Value("secretKey"));
        if ((accessKey is null) != (secretKey is null) && !unknown.Contains("accessKey") && !unknown.Contains("secretKey"))
        {
            var missing = accessKey is null ? "accessKey" : "secretKey";
            failures.Add(new CheckFailure { Property = missing, Reason = "accessKey and secretKey must be given together (config or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)" });
        }

        return failures.Count > 0 || endpoint is null || unknown.Count > 0
            ? (null, failures)
            : (new ProviderConfig(endpoint, Value("region") ?? DefaultRegion, accessKey, secretKey, Value("profile")), failures);
    }

    /// <summary>A configuration key without its package prefix.</summary>
    public static string Unqualified(string key)
    {
        foreach (var prefix in new[] { "cloudmesh:config:", "cloudmesh:" })
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return key[prefix.Length..];
            }
        }

        return key;
    }

    /// <summary>Keeps the secret out of logs and exception messages.</summary>
    public override string ToString() => $"ProviderConfig {{ Endpoint = {Endpoint}, Region = {Region}, AccessKey = {AccessKey}, Profile = {Profile} }}";
}
