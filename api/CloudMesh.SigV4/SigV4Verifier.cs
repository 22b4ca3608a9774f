using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CloudMesh.SigV4.Internal;

namespace CloudMesh.SigV4;

/// <summary>
/// Verifies AWS Signature Version 4 on incoming requests, in the Authorization-header form and the presigned
/// query form, with the canonicalisation botocore (the AWS CLI) and the AWS SDKs use for non-S3 services.
/// Thread-safe; create one per (region, service) and share it.
/// </summary>
/// <remarks>
/// <para>Session tokens: CloudMesh does not issue temporary credentials. A request carrying
/// X-Amz-Security-Token is accepted only when the stored credential has exactly that
/// <see cref="SigV4Credential.SessionToken"/>; against a long-term credential (no token) it is refused with
/// UnrecognizedClientException, as AWS refuses a token it did not issue. When signed, the token is part of the
/// canonical request like any other header or query parameter.</para>
/// <para>Dates: the Authorization form must be within <see cref="SigV4VerifierOptions.MaxClockSkew"/> of the
/// server clock either way. A presigned request may not be dated further in the future than the skew, and is
/// valid until its date plus X-Amz-Expires (at most seven days); the skew does not shorten that window, or a
/// URL presigned for an hour would die after fifteen minutes.</para>
/// <para>Payload: an X-Amz-Content-Sha256 header must equal the body's real hash. UNSIGNED-PAYLOAD is
/// accepted only on presigned requests; in the header form it would leave the body unauthenticated.</para>
/// </remarks>
public sealed class SigV4Verifier
{
    private const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    private readonly SigV4VerifierOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SigningKeyCache _keys;

    /// <summary>Creates a verifier for the configured region and service.</summary>
    public SigV4Verifier(SigV4VerifierOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Region);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Service);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxClockSkew, TimeSpan.Zero);
        _options = options;
        _timeProvider = timeProvider;
        _keys = new SigningKeyCache(options.SigningKeyCacheCapacity);
    }

    /// <summary>Derived signing keys currently cached (diagnostics and tests).</summary>
    internal int CachedSigningKeys => _keys.Count;

    /// <summary>Verifies <paramref name="request"/>, looking its access key up in <paramref name="store"/>.</summary>
    /// <returns>The credential it was signed with, or the AWS error to send back.</returns>
    public ValueTask<SigV4VerificationResult> VerifyAsync(SigV4Request request, ISigV4CredentialStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);

        SigV4VerificationResult? failure = AuthenticationParser.TryParse(request, out AuthenticationParameters? parameters);
        string? payloadLine = null;
        failure ??= CheckClaims(request, parameters!, out payloadLine);
        if (failure is not null)
        {
            return ValueTask.FromResult(failure);
        }

        ValueTask<SigV4Credential?> lookup = store.FindAsync(parameters!.AccessKeyId, ct);

        // Stores answer from memory almost always; skip the async state machine then.
        return lookup.IsCompletedSuccessfully
            ? ValueTask.FromResult(CheckSignature(request, parameters, payloadLine!, lookup.Result))
            : AwaitLookup(request, parameters, payloadLine!, lookup);
    }

    private async ValueTask<SigV4VerificationResult> AwaitLookup(
        SigV4Request request, AuthenticationParameters parameters, string payloadLine, ValueTask<SigV4Credential?> lookup) =>
        CheckSignature(request, parameters, payloadLine, await lookup.ConfigureAwait(false));

    /// <summary>Everything that can be refused without the secret: scope, signed headers, dates, payload hash.</summary>
    private SigV4VerificationResult? CheckClaims(SigV4Request request, AuthenticationParameters p, out string? payloadLine)
    {
        payloadLine = null;
        if (p.ScopeTerminator != Signature.Terminator)
        {
            return Failures.Invalid(
                $"Credential should be scoped with a valid terminator: '{Signature.Terminator}', not '{p.ScopeTerminator}'.");
        }

        if (!p.Timestamp.AsSpan(0, 8).SequenceEqual(p.ScopeDate))
        {
            return Failures.Invalid(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
                $"'{p.ScopeDate}' != '{p.Timestamp[..8]}', from '{p.Timestamp}'.");
        }

        if (p.ScopeRegion != _options.Region)
        {
            return Failures.Invalid(
                $"Credential should be scoped to a valid region, not '{p.ScopeRegion}'. This endpoint expects '{_options.Region}'.");
        }

        if (p.ScopeService != _options.Service)
        {
            return Failures.Invalid(
                $"Credential should be scoped to correct service: '{_options.Service}', not '{p.ScopeService}'.");
        }

        SigV4VerificationResult? failure = CheckSignedHeaders(request, p.SignedHeaders) ?? CheckDate(p);
        if (failure is not null)
        {
            return failure;
        }

        string? contentSha = request.FindHeader("x-amz-content-sha256");
        if (contentSha is null)
        {
            payloadLine = request.PayloadSha256;
        }
        else if (contentSha == UnsignedPayload)
        {
            if (!p.IsPresigned)
            {
                return Failures.Incomplete(
                    "X-Amz-Content-Sha256: UNSIGNED-PAYLOAD is accepted only on presigned requests; sign the body's SHA-256 instead.");
            }

            payloadLine = UnsignedPayload;
        }
        else if (!string.Equals(contentSha, request.PayloadSha256, StringComparison.OrdinalIgnoreCase))
        {
            return Failures.Invalid(
                $"The X-Amz-Content-Sha256 header '{contentSha}' does not match the SHA-256 of the request body " +
                $"'{request.PayloadSha256}'.");
        }
        else
        {
            // Signed as sent (botocore puts the header's value into the canonical request).
            payloadLine = contentSha;
        }

        return null;
    }

    private static SigV4VerificationResult? CheckSignedHeaders(SigV4Request request, string signedHeaders)
    {
        bool hasHost = false;
        ReadOnlySpan<char> list = signedHeaders;
        foreach (Range range in list.Split(';'))
        {
            ReadOnlySpan<char> name = list[range];
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                hasHost = true;
            }

            if (name.IsEmpty)
            {
                return Failures.Incomplete($"SignedHeaders '{signedHeaders}' contains an empty header name.");
            }

            if (!request.HasHeader(name))
            {
                return Failures.Invalid($"Header '{name}' is listed in SignedHeaders but is not present in the request.");
            }
        }

        return hasHost
            ? null
            : Failures.Incomplete(
                $"'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization; SignedHeaders is '{signedHeaders}'.");
    }

    private SigV4VerificationResult? CheckDate(AuthenticationParameters p)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        TimeSpan skew = _options.MaxClockSkew;
        if (p.RequestTime - now > skew)
        {
            return Failures.Invalid(
                $"Signature not yet current: {p.Timestamp} is still later than {AmzDate.Format8601(now + skew)} " +
                $"({AmzDate.Format8601(now)} + {DescribeSpan(skew)}).");
        }

        if (p.IsPresigned)
        {
            DateTimeOffset expiry = p.RequestTime.AddSeconds(p.ExpiresSeconds);
            return now > expiry
                ? Failures.Invalid(
                    $"Signature expired: {p.Timestamp} is now earlier than {AmzDate.Format8601(now.AddSeconds(-p.ExpiresSeconds))} " +
                    $"({AmzDate.Format8601(now)} - {p.ExpiresSeconds.ToString(CultureInfo.InvariantCulture)} sec.); " +
                    $"the presigned request expired at {AmzDate.Format8601(expiry)}.")
                : null;
        }

        return now - p.RequestTime > skew
            ? Failures.Invalid(
                $"Signature expired: {p.Timestamp} is now earlier than {AmzDate.Format8601(now - skew)} " +
                $"({AmzDate.Format8601(now)} - {DescribeSpan(skew)}).")
            : null;
    }

    private SigV4VerificationResult CheckSignature(
        SigV4Request request, AuthenticationParameters p, string payloadLine, SigV4Credential? credential)
    {
        if (credential is null)
        {
            return Failures.Unrecognized($"Access key id '{p.AccessKeyId}' is not known.");
        }

        SigV4VerificationResult? tokenFailure = CheckSessionToken(p, credential);
        if (tokenFailure is not null)
        {
            return tokenFailure;
        }

        var parts = new CanonicalRequestParts
        {
            Method = request.Method,
            RawPath = request.RawPath,
            RawQuery = request.RawQuery,
            ExcludeSignatureParameter = p.IsPresigned,
            Headers = request.HeaderSpan,
            SignedHeaders = p.SignedHeaders,
            PayloadHash = payloadLine,
        };
        Span<byte> canonicalHash = stackalloc byte[Signature.HexLength];
        CanonicalRequest.HashHex(parts, canonicalHash);

        byte[] signingKey = _keys.GetOrDerive(
            credential.SecretAccessKey, AmzDate.DateNumber(p.Timestamp), _options.Region, _options.Service);
        Span<byte> expected = stackalloc byte[Signature.HexLength];
        Signature.ComputeHex(signingKey, p.Timestamp, _options.Region, _options.Service, canonicalHash, expected);

        if (Signature.FixedTimeMatches(expected, p.Signature))
        {
            return SigV4VerificationResult.Success(credential);
        }

        // Like AWS, show what was signed on our side so a client author can diff it against theirs.
        return Failures.Invalid(
            $"{Failures.SignatureMismatchText}\n\nThe Canonical String for this request should have been\n'" +
            CanonicalRequest.Build(parts) +
            "'\n\nThe String-to-Sign should have been\n'" +
            Signature.BuildStringToSign(p.Timestamp, _options.Region, _options.Service, canonicalHash) + "'\n");
    }

    private static SigV4VerificationResult? CheckSessionToken(AuthenticationParameters p, SigV4Credential credential)
    {
        if (credential.SessionToken is null)
        {
            return p.SecurityToken is null
                ? null
                : Failures.Unrecognized(
                    $"Access key id '{p.AccessKeyId}' is a long-term key; this service issues no session tokens, " +
                    "so requests must not carry X-Amz-Security-Token.");
        }

        if (p.SecurityToken is null)
        {
            return Failures.Unrecognized($"Access key id '{p.AccessKeyId}' requires X-Amz-Security-Token, and the request has none.");
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(p.SecurityToken), Encoding.UTF8.GetBytes(credential.SessionToken))
            ? null
            : Failures.Unrecognized($"X-Amz-Security-Token does not match the session of access key id '{p.AccessKeyId}'.");
    }

    private static string DescribeSpan(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerMinute == 0
            ? $"{((long)span.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min."
            : $"{((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture)} sec.";
}
