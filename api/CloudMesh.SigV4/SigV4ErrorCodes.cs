namespace CloudMesh.SigV4;

/// <summary>The error codes AWS services return for authentication failures; the AWS CLI and SDKs key off these.</summary>
public static class SigV4ErrorCodes
{
    /// <summary>No Authorization header and no presigned query parameters (403).</summary>
    public const string MissingAuthenticationToken = "MissingAuthenticationTokenException";

    /// <summary>The Authorization header or presigned parameters are malformed or incomplete (400).</summary>
    public const string IncompleteSignature = "IncompleteSignatureException";

    /// <summary>Unknown access key id or an unacceptable session token (403).</summary>
    public const string UnrecognizedClient = "UnrecognizedClientException";

    /// <summary>
    /// Wrong signature, wrong scope, or a date outside the allowed window (403). SDKs that correct clock skew
    /// (the JavaScript and Java SDKs) classify this code as a clock-skew error.
    /// </summary>
    public const string InvalidSignature = "InvalidSignatureException";
}
