namespace CloudMesh.SigV4.Internal;

/// <summary>The failure results, with the status codes AWS pairs with each error code.</summary>
internal static class Failures
{
    public const string SignatureMismatchText =
        "The request signature we calculated does not match the signature you provided. " +
        "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    public const string InvalidTokenText = "The security token included in the request is invalid.";

    private static readonly SigV4VerificationResult MissingResult =
        SigV4VerificationResult.Failure(SigV4ErrorCodes.MissingAuthenticationToken, 403, "Missing Authentication Token");

    public static SigV4VerificationResult Missing() => MissingResult;

    public static SigV4VerificationResult Incomplete(string message) =>
        SigV4VerificationResult.Failure(SigV4ErrorCodes.IncompleteSignature, 400, message);

    public static SigV4VerificationResult Invalid(string message) =>
        SigV4VerificationResult.Failure(SigV4ErrorCodes.InvalidSignature, 403, message);

    public static SigV4VerificationResult Unrecognized(string detail) =>
        SigV4VerificationResult.Failure(SigV4ErrorCodes.UnrecognizedClient, 403, $"{InvalidTokenText} {detail}");
}
