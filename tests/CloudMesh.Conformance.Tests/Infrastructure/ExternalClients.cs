using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;

namespace CloudMesh.Conformance.Tests.Infrastructure;

/// <summary>
/// Runs the real AWS CLI and the python drivers (boto3) as processes against a CloudMesh endpoint, with an environment
/// scrubbed of the machine's own AWS settings so that only the credentials a test passes are used.
/// </summary>
public static class ExternalClients
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The folder the python drivers are copied to.</summary>
    public static string ScriptsFolder => Path.Combine(AppContext.BaseDirectory, "scripts");

    /// <summary>
    /// Runs <c>scripts/&lt;script&gt;</c> with python3 for the given tenants (the first is also exported as
    /// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) and returns the JSON report it printed. Fails with the script's
    /// output when it exits non-zero or prints something that is not one JSON document.
    /// </summary>
    public static async Task<JsonObject> RunScriptAsync(string script, Uri endpoint, IReadOnlyList<TenantCredentials> tenants, params string[] args)
    {
        var result = await RunAsync("python3", [Path.Combine(ScriptsFolder, script), .. args], endpoint, tenants.FirstOrDefault(), tenants);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed: {result}");
        }

        try
        {
            return JsonNode.Parse(result.Stdout) as JsonObject
                ?? throw new InvalidOperationException($"{script} printed JSON that is not an object: {result}");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{script} did not print a JSON report: {result}", ex);
        }
    }

    /// <summary>Runs <c>aws &lt;args&gt; --endpoint-url &lt;endpoint&gt;</c> as <paramref name="credentials"/>.</summary>
    public static Task<ProcessResult> RunAwsCliAsync(Uri endpoint, TenantCredentials? credentials, params string[] args) =>
        RunAsync("aws", [.. args, "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--output", "json"], endpoint, credentials, []);

    private static async Task<ProcessResult> RunAsync(
        string program, IEnumerable<string> args, Uri endpoint, TenantCredentials? credentials, IReadOnlyList<TenantCredentials> tenants)
    {
        using var home = new TempDirectory("cloudmesh-client");
        var emptyConfig = home.Combine("empty-aws-config");
        await File.WriteAllTextAsync(emptyConfig, "");

        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home.Path,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The machine's own AWS settings (profiles, endpoints, tokens) must not leak into a conformance run.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["AWS_CONFIG_FILE"] = emptyConfig;
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = emptyConfig;
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_PAGER"] = "";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        start.Environment["PYTHONUNBUFFERED"] = "1";
        start.Environment["CLOUDMESH_ENDPOINT"] = endpoint.ToString().TrimEnd('/');
        start.Environment["CLOUDMESH_TENANTS"] = JsonSerializer.Serialize(tenants.Select(t => new
        {
            accountId = t.AccountId,
            accessKeyId = t.AccessKeyId,
            secretAccessKey = t.SecretAccessKey,
        }));
        if (credentials is not null)
        {
            start.Environment["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId;
            start.Environment["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey;
        }

        return await ProcessRunner.RunToEndAsync(start, Timeout);
    }
}
