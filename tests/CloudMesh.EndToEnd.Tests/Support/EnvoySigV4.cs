using System.Diagnostics;
using System.Text.Json;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;

namespace CloudMesh.EndToEnd.Tests.Support;

/// <summary>
/// The call metadata Envoy's <c>envoy.grpc_credentials.aws_iam</c> plugin sends on an ADS stream, produced by
/// botocore (not by CloudMesh's signer) through the script the control plane's own tests use.
/// </summary>
public static class EnvoySigV4
{
    private const string SotwPath = "/envoy.service.discovery.v3.AggregatedDiscoveryService/StreamAggregatedResources";

    public static async Task<global::Grpc.Core.Metadata> SignAsync(string host, TenantCredentials tenant, string region = "us-east-1")
    {
        var start = new ProcessStartInfo("python3", [RepoPaths.Combine("tests", "CloudMesh.ControlPlane.Tests", "Support", "envoy_aws_iam_sign.py")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var python = Process.Start(start) ?? throw new InvalidOperationException("could not start python3");
        await python.StandardInput.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["host"] = host,
            ["path"] = SotwPath,
            ["region"] = region,
            ["access_key"] = tenant.AccessKeyId,
            ["secret_key"] = tenant.SecretAccessKey,
        }));
        python.StandardInput.Close();
        var output = await python.StandardOutput.ReadToEndAsync();
        var errors = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        if (python.ExitCode != 0)
        {
            throw new InvalidOperationException($"envoy_aws_iam_sign.py failed: {errors}");
        }

        var metadata = new global::Grpc.Core.Metadata();
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(output)!)
        {
            metadata.Add(name, value);
        }

        return metadata;
    }
}
