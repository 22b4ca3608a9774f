using System.Text;
using CloudMesh.SigV4.Tests.Support;

namespace CloudMesh.SigV4.Tests;

/// <summary>X-Amz-Content-Sha256 must tell the truth about the body; UNSIGNED-PAYLOAD only for presigned requests.</summary>
public sealed class PayloadHashTests
{
    private const string Body = "{\"meshName\":\"m1\"}";

    [Fact]
    public void A_truthful_content_sha256_header_is_accepted()
    {
        string hash = SigV4Request.HashPayload(Encoding.UTF8.GetBytes(Body));
        SigV4Request request = SignedRequests.Sign("PUT", body: Body, extraHeaders: [new("X-Amz-Content-Sha256", hash)]);
        Assert.True(SignedRequests.Verify(request).IsSuccess);
    }

    [Fact]
    public void A_content_sha256_header_that_differs_from_the_body_is_refused_even_if_signed()
    {
        // The client signs a hash of another body and sends this one: the signature alone cannot catch that.
        string otherHash = SigV4Request.HashPayload("{}"u8);
        SigV4Request signed = SignedRequests.Sign("PUT", body: "{}", extraHeaders: [new("X-Amz-Content-Sha256", otherHash)]);
        SigV4Request swapped = SignedRequests.With(signed, payloadHash: SigV4Request.HashPayload(Encoding.UTF8.GetBytes(Body)));
        VerifierErrorTests.AssertFailure(
            SignedRequests.Verify(swapped), "InvalidSignatureException", 403,
            $"The X-Amz-Content-Sha256 header '{otherHash}' does not match the SHA-256 of the request body");
    }

    [Fact]
    public void Unsigned_payload_is_refused_in_the_header_form()
    {
        SigV4Request request = SignedRequests.Sign("PUT", body: Body, extraHeaders: [new("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")]);
        VerifierErrorTests.AssertFailure(SignedRequests.Verify(request), "IncompleteSignatureException", 400, "UNSIGNED-PAYLOAD is accepted only on presigned requests");
    }

    [Fact]
    public void Unsigned_payload_is_accepted_for_presigned_requests_whatever_the_body()
    {
        var signer = new SigV4Signer(TestCredentials.Tenant, "us-east-1", "appmesh", new ManualTimeProvider(TestCredentials.SigningTime));
        Uri url = signer.Presign(HttpMethod.Put, new Uri("https://h.test/v20190125/meshes"), TimeSpan.FromMinutes(5), "UNSIGNED-PAYLOAD");
        SigV4Request request = SignedRequests.FromUrl(
            "PUT", url.AbsoluteUri, [new("Host", "h.test"), new("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")],
            SigV4Request.HashPayload(Encoding.UTF8.GetBytes(Body)));
        Assert.True(SignedRequests.Verify(request).IsSuccess, SignedRequests.Verify(request).ToString());

        SigV4Request withoutHeader = SignedRequests.WithHeader(request, "X-Amz-Content-Sha256", null);
        Assert.False(SignedRequests.Verify(withoutHeader).IsSuccess);
    }

    [Fact]
    public void Presigned_requests_otherwise_sign_the_body_hash()
    {
        SigV4Request request = SignedRequests.Presign();
        Assert.True(SignedRequests.Verify(request).IsSuccess);
        SigV4Request withBody = SignedRequests.With(request, payloadHash: SigV4Request.HashPayload("x"u8));
        VerifierErrorTests.AssertFailure(SignedRequests.Verify(withBody), "InvalidSignatureException", 403, "does not match the signature you provided");
    }
}
