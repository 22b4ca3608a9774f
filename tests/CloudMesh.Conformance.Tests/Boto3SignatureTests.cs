using System.Text.Json.Nodes;
using CloudMesh.Conformance.Tests.Infrastructure;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Conformance.Tests;

/// <summary>SigV4 as botocore signs it, and the server's answers to every way of getting it wrong (scripts/signatures.py).</summary>
[Collection(ConformanceCollection.Name)]
public sealed class Boto3SignatureTests(CloudMeshApiFixture api, ReportCache cache) : IClassFixture<ReportCache>
{
    [Theory]
    [InlineData("wrong_secret", "InvalidSignatureException", "signature we calculated does not match")]
    [InlineData("unknown_access_key", "UnrecognizedClientException", "security token included in the request is invalid")]
    [InlineData("no_auth_boto3", "MissingAuthenticationTokenException", "Missing Authentication Token")]
    [InlineData("no_auth_raw", "MissingAuthenticationTokenException", "Missing Authentication Token")]
    [InlineData("skew_past_20min", "InvalidSignatureException", "Signature expired")]
    [InlineData("skew_future_20min", "InvalidSignatureException", "Signature not yet current")]
    [InlineData("body_modified", "InvalidSignatureException", "signature we calculated does not match")]
    [InlineData("presigned_param_changed", "InvalidSignatureException", "signature we calculated does not match")]
    [InlineData("presigned_param_added", "InvalidSignatureException", "signature we calculated does not match")]
    [InlineData("presigned_path_changed", "InvalidSignatureException", "signature we calculated does not match")]
    [InlineData("presigned_signature_changed", "InvalidSignatureException", "signature we calculated does not match")]
    [InlineData("presigned_expired", "InvalidSignatureException", "Signature expired")]
    public async Task A_bad_signature_is_refused_with_403_and_its_code(string caseName, string code, string messagePart)
    {
        var result = (await ReportAsync()).At(caseName);

        Assert.Equal((code, 403L), (result["code"]?.GetValue<string>(), result.Int("status")));
        Assert.Contains(messagePart, result["message"]?.GetValue<string>() ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("valid")]
    [InlineData("skew_past_5min")]
    [InlineData("body_intact")]
    [InlineData("presigned")]
    public async Task A_correct_signature_is_accepted(string caseName)
    {
        Assert.Equal(200, (await ReportAsync()).At(caseName).Int("status"));
    }

    [Fact]
    public async Task The_skewed_requests_really_carried_skewed_dates()
    {
        var dates = (await ReportAsync()).At("signedDates").AsObject()
            .ToDictionary(d => d.Key, d => DateTime.ParseExact(d.Value!.GetValue<string>(), "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        var past = dates["-1 day, 23:40:00"];
        var future = dates["0:20:00"];
        Assert.InRange((future - past).TotalMinutes, 39.9, 40.1);
    }

    [Fact]
    public async Task A_request_whose_body_was_changed_after_signing_creates_nothing()
    {
        var report = await ReportAsync();

        // The raw response body is the payload itself (MeshData). Listed right after the tampered request (and before the intact one): neither name exists.
        Assert.Empty(report.At("body_modified_created_nothing.response.meshes").AsArray());
        Assert.Equal("signed-name", report.Str("body_intact.body.meshName"));
    }

    private Task<JsonObject> ReportAsync() => cache.GetAsync("signatures", async () =>
        await ExternalClients.RunScriptAsync("signatures.py", api.Endpoint, [await api.CreateTenantAsync("signatures")]));
}
