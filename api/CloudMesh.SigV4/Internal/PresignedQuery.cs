namespace CloudMesh.SigV4.Internal;

/// <summary>The X-Amz-* signature parameters of a query string, decoded, read in one pass.</summary>
internal readonly struct PresignedQuery
{
    public string? Algorithm { get; private init; }

    public string? Credential { get; private init; }

    public string? Date { get; private init; }

    public string? Expires { get; private init; }

    public string? SignedHeaders { get; private init; }

    public string? Signature { get; private init; }

    public string? SecurityToken { get; private init; }

    /// <summary>The first signature parameter found more than once, if any.</summary>
    public string? Duplicate { get; private init; }

    /// <summary>True when the query carries any of the parameters that make a request presigned.</summary>
    public bool ClaimsPresigned => Algorithm is not null || Credential is not null || Signature is not null;

    public static PresignedQuery Read(string rawQuery)
    {
        string? algorithm = null, credential = null, date = null, expires = null, signedHeaders = null, signature = null, token = null;
        string? duplicate = null;
        ReadOnlySpan<char> query = rawQuery;
        foreach (Range pairRange in query.Split('&'))
        {
            ReadOnlySpan<char> pair = query[pairRange];
            int equals = pair.IndexOf('=');
            ReadOnlySpan<char> rawName = equals < 0 ? pair : pair[..equals];

            // Cheap filter first: only names that are, or might encode, X-Amz-* are decoded.
            if (!rawName.StartsWith("X-Amz-") && rawName.IndexOf('%') < 0)
            {
                continue;
            }

            string name = UriEncoding.Decode(rawName);
            string value = equals < 0 ? string.Empty : UriEncoding.Decode(pair[(equals + 1)..]);
            ref string? slot = ref algorithm;
            switch (name)
            {
                case "X-Amz-Algorithm": slot = ref algorithm; break;
                case "X-Amz-Credential": slot = ref credential; break;
                case "X-Amz-Date": slot = ref date; break;
                case "X-Amz-Expires": slot = ref expires; break;
                case "X-Amz-SignedHeaders": slot = ref signedHeaders; break;
                case "X-Amz-Signature": slot = ref signature; break;
                case "X-Amz-Security-Token": slot = ref token; break;
                default: continue;
            }

            if (slot is not null)
            {
                duplicate ??= name;
            }

            slot = value;
        }

        return new PresignedQuery
        {
            Algorithm = algorithm,
            Credential = credential,
            Date = date,
            Expires = expires,
            SignedHeaders = signedHeaders,
            Signature = signature,
            SecurityToken = token,
            Duplicate = duplicate,
        };
    }
}
