using System.Diagnostics.CodeAnalysis;

namespace CloudMesh.SigV4;

/// <summary>The outcome of verifying one request: the authenticated credential, or an AWS-style error.</summary>
public sealed class SigV4VerificationResult
{
    private SigV4VerificationResult(SigV4Credential? credential, string? errorCode, int httpStatus, string? message)
    {
        Credential = credential;
        ErrorCode = errorCode;
        HttpStatus = httpStatus;
        Message = message;
    }

    /// <summary>True when the signature is valid; <see cref="Credential"/> is then set.</summary>
    [MemberNotNullWhen(true, nameof(Credential))]
    [MemberNotNullWhen(false, nameof(ErrorCode), nameof(Message))]
    public bool IsSuccess => Credential is not null;

    /// <summary>The credential the request was signed with (success only).</summary>
    public SigV4Credential? Credential { get; }

    /// <summary>The AWS error code to return, e.g. <c>InvalidSignatureException</c> (failure only); see <see cref="SigV4ErrorCodes"/>.</summary>
    public string? ErrorCode { get; }

    /// <summary>The HTTP status to return: 200 on success, 400 or 403 on failure.</summary>
    public int HttpStatus { get; }

    /// <summary>What exactly was wrong (failure only).</summary>
    public string? Message { get; }

    /// <summary>A successful verification.</summary>
    public static SigV4VerificationResult Success(SigV4Credential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new SigV4VerificationResult(credential, null, 200, null);
    }

    /// <summary>A failed verification.</summary>
    public static SigV4VerificationResult Failure(string errorCode, int httpStatus, string message) =>
        new(null, errorCode, httpStatus, message);

    /// <inheritdoc />
    public override string ToString() =>
        IsSuccess ? $"Success ({Credential.AccessKeyId})" : $"{HttpStatus} {ErrorCode}: {Message}";
}
