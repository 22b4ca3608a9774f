using System.Diagnostics;
using System.Text.Json;

namespace CloudMesh.ControlPlane.Tests.Support;

/// <summary>Runs <c>envoy_aws_iam_sign.py</c> (botocore) to get the metadata Envoy's aws_iam plugin would send.</summary>
internal static class EnvoyAwsIamSigner
{
    public const string SotwPath = "/envoy.service.discovery.v3.AggregatedDiscoveryService/StreamAggregatedResources";
    public const string DeltaPath = "/envoy.service.discovery.v3.AggregatedDiscoveryService/DeltaAggregatedResources";

    public static async Task<IReadOnlyList<KeyValuePair<string, string>>> SignAsync(
        string host, string path, TestTenant tenant, string region = "us-east-1", string? sessionToken = null)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Support", "envoy_aws_iam_sign.py"));
        using Process python = Process.Start(start) ?? throw new InvalidOperationException("could not start python3");
        await python.StandardInput.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["host"] = host,
            ["path"] = path,
            ["region"] = region,
            ["access_key"] = tenant.AccessKeyId,
            ["secret_key"] = tenant.SecretAccessKey,
            ["session_token"] = sessionToken,
        }));
        python.StandardInput.Close();
        string output = await python.StandardOutput.ReadToEndAsync();
        string errors = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        if (python.ExitCode != 0)
        {
            throw new InvalidOperationException($"envoy_aws_iam_sign.py failed: {errors}");
        }

        Dictionary<string, string> metadata = JsonSerializer.Deserialize<Dictionary<string, string>>(output)!;
        return [.. metadata];
    }
}
