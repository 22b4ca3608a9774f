using System.Globalization;
using System.Text;

namespace CloudMesh.SigV4.Internal;

/// <summary>
/// Reads the signature claims from a request: the Authorization header form or the presigned query form.
/// Every refusal names exactly what is missing or malformed.
/// </summary>
internal static class AuthenticationParser
{
    /// <summary>AWS limits presigned URLs to seven days.</summary>
    public const int MaxExpiresSeconds = 7 * 24 * 60 * 60;

    public static SigV4VerificationResult? TryParse(SigV4Request request, out AuthenticationParameters? parameters)
    {
        parameters = null;
        string? authorization = request.FindHeader("authorization");
        PresignedQuery query = PresignedQuery.Read(request.RawQuery);

        if (authorization is null && !query.ClaimsPresigned)
        {
            return Failures.Missing();
        }

        if (authorization is not null && query.ClaimsPresigned)
        {
            return Failures.Incomplete(
                "Found both an Authorization header and X-Amz-* signature query parameters; sign with only one of them.");
        }

        return authorization is not null
            ? ParseHeader(request, authorization, out parameters)
            : ParsePresigned(query, request, out parameters);
    }

    private static SigV4VerificationResult? ParseHeader(SigV4Request request, string authorization, out AuthenticationParameters? parameters)
    {
        parameters = null;
        ReadOnlySpan<char> text = authorization.AsSpan().Trim();
        int space = text.IndexOf(' ');
        ReadOnlySpan<char> algorithm = space < 0 ? text : text[..space];
        if (!algorithm.SequenceEqual(Signature.Algorithm))
        {
            return Failures.Incomplete(
                $"Unsupported Authorization algorithm '{algorithm}'; only {Signature.Algorithm} is accepted. Authorization={authorization}");
        }

        string? credential = null, signedHeaders = null, signature = null;
        ReadOnlySpan<char> rest = space < 0 ? [] : text[(space + 1)..];
        foreach (Range partRange in rest.Split(','))
        {
            ReadOnlySpan<char> part = rest[partRange].Trim();
            int equals = part.IndexOf('=');
            if (part.IsEmpty)
            {
                continue;
            }

            if (equals <= 0)
            {
                return Failures.Incomplete($"Authorization header component '{part}' is not of the form Name=Value. Authorization={authorization}");
            }

            ReadOnlySpan<char> name = part[..equals].Trim();
            string value = part[(equals + 1)..].Trim().ToString();
            ref string? slot = ref credential;
            if (name.SequenceEqual("Credential"))
            {
                slot = ref credential;
            }
            else if (name.SequenceEqual("SignedHeaders"))
            {
                slot = ref signedHeaders;
            }
            else if (name.SequenceEqual("Signature"))
            {
                slot = ref signature;
            }
            else
            {
                continue;
            }

            if (slot is not null)
            {
                return Failures.Incomplete($"Authorization header gives '{name}' more than once. Authorization={authorization}");
            }

            slot = value;
        }

        string? amzDate = request.FindHeader("x-amz-date");
        string? httpDate = amzDate is null ? request.FindHeader("date") : null;

        var missing = new StringBuilder();
        if (credential is null)
        {
            missing.Append("Authorization header requires 'Credential' parameter. ");
        }

        if (signature is null)
        {
            missing.Append("Authorization header requires 'Signature' parameter. ");
        }

        if (signedHeaders is null)
        {
            missing.Append("Authorization header requires 'SignedHeaders' parameter. ");
        }

        if (amzDate is null && httpDate is null)
        {
            missing.Append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }

        if (missing.Length > 0)
        {
            return Failures.Incomplete(missing.Append("Authorization=").Append(authorization).ToString());
        }

        DateTimeOffset requestTime;
        if (amzDate is not null)
        {
            if (!AmzDate.TryParseAmzDate(amzDate, out requestTime))
            {
                return Failures.Incomplete($"X-Amz-Date '{amzDate}' is not in the ISO 8601 basic format yyyyMMddTHHmmssZ.");
            }
        }
        else if (!AmzDate.TryParseHttpDate(httpDate, out requestTime))
        {
            return Failures.Incomplete($"Date header '{httpDate}' is not an RFC 7231 date such as 'Sun, 06 Nov 1994 08:49:37 GMT'.");
        }

        return Build(
            isPresigned: false, credential!, signedHeaders!, signature!, requestTime, expiresSeconds: 0,
            request.FindHeader("x-amz-security-token"), out parameters);
    }

    private static SigV4VerificationResult? ParsePresigned(PresignedQuery query, SigV4Request request, out AuthenticationParameters? parameters)
    {
        parameters = null;
        if (query.Duplicate is not null)
        {
            return Failures.Incomplete($"Query parameter '{query.Duplicate}' appears more than once.");
        }

        var missing = new List<string>(6);
        AddIfMissing(missing, query.Algorithm, "X-Amz-Algorithm");
        AddIfMissing(missing, query.Credential, "X-Amz-Credential");
        AddIfMissing(missing, query.Signature, "X-Amz-Signature");
        AddIfMissing(missing, query.Date, "X-Amz-Date");
        AddIfMissing(missing, query.SignedHeaders, "X-Amz-SignedHeaders");
        AddIfMissing(missing, query.Expires, "X-Amz-Expires");
        if (missing.Count > 0)
        {
            return Failures.Incomplete(
                $"AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', " +
                $"'X-Amz-SignedHeaders', 'X-Amz-Expires'; missing: {string.Join(", ", missing)}.");
        }

        if (query.Algorithm != Signature.Algorithm)
        {
            return Failures.Incomplete($"Unsupported X-Amz-Algorithm '{query.Algorithm}'; only {Signature.Algorithm} is accepted.");
        }

        if (!AmzDate.TryParseAmzDate(query.Date, out DateTimeOffset requestTime))
        {
            return Failures.Incomplete($"X-Amz-Date '{query.Date}' is not in the ISO 8601 basic format yyyyMMddTHHmmssZ.");
        }

        if (!int.TryParse(query.Expires, NumberStyles.None, CultureInfo.InvariantCulture, out int expires) || expires < 1)
        {
            return Failures.Incomplete($"X-Amz-Expires '{query.Expires}' must be a whole number of seconds from 1 to {MaxExpiresSeconds}.");
        }

        if (expires > MaxExpiresSeconds)
        {
            return Failures.Incomplete(
                $"X-Amz-Expires must be less than a week (in seconds) that is {MaxExpiresSeconds}; got {expires}.");
        }

        return Build(
            isPresigned: true, query.Credential!, query.SignedHeaders!, query.Signature!, requestTime, expires,
            query.SecurityToken ?? request.FindHeader("x-amz-security-token"), out parameters);
    }

    private static SigV4VerificationResult? Build(
        bool isPresigned,
        string credential,
        string signedHeaders,
        string signature,
        DateTimeOffset requestTime,
        int expiresSeconds,
        string? securityToken,
        out AuthenticationParameters? parameters)
    {
        parameters = null;
        string[] scope = credential.Split('/');
        if (scope.Length != 5 || scope[0].Length == 0 || scope[1].Length != 8)
        {
            return Failures.Incomplete(
                $"Credential '{credential}' is not of the form <AccessKeyId>/<yyyymmdd>/<region>/<service>/aws4_request.");
        }

        if (signedHeaders.Length == 0)
        {
            return Failures.Incomplete("SignedHeaders is empty; at least 'host' must be signed.");
        }

        parameters = new AuthenticationParameters
        {
            IsPresigned = isPresigned,
            AccessKeyId = scope[0],
            ScopeDate = scope[1],
            ScopeRegion = scope[2],
            ScopeService = scope[3],
            ScopeTerminator = scope[4],
            SignedHeaders = signedHeaders,
            Signature = signature,
            Timestamp = AmzDate.Format8601(requestTime),
            RequestTime = requestTime,
            ExpiresSeconds = expiresSeconds,
            SecurityToken = securityToken,
        };
        return null;
    }

    private static void AddIfMissing(List<string> missing, string? value, string name)
    {
        if (value is null)
        {
            missing.Add(name);
        }
    }
}
