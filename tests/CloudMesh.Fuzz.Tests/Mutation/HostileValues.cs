namespace CloudMesh.Fuzz.Tests.Mutation;

/// <summary>The values mutations plant: boundary numbers, odd strings, bad escapes, bad labels and query values.</summary>
internal static class HostileValues
{
    /// <summary>Numbers as raw JSON text (some cannot be written through a JsonNode at all).</summary>
    public static readonly IReadOnlyList<string> Numbers =
    [
        "-1", "0", "-0", "1", "65535", "65536", "2147483647", "2147483648", "-2147483649", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "1e309", "-1e309", "1e-400", "1.5", "0.0", "1E2", "1e+2", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1\"",
        "1" + new string('0', 400), "0." + new string('0', 400) + "1",
    ];

    /// <summary>Strings a name or text member might be given; all valid UTF-16, some not storable as PostgreSQL text.</summary>
    public static readonly IReadOnlyList<string> Strings =
    [
        "", " ", "\u0000", "a\u0000b", "\u0001\u001f", "\t", "line\nbreak", "\r\n", "e\u0301", "\u00e9", "\U0001F600",
        "\u202eabc", "\uFEFFbom", "\uFFFF", "\uFFFE", "\u200b", " lead", "trail ", "a/b", "/", "..", ".", "%2F", "'", "\"",
        "\\", "<script>alert(1)</script>", "${jndi:ldap://x}", "Robert'); DROP TABLE resources;--", "\uFF46\uFF55\uFF5A\uFF5A",
        new string('x', 255), new string('x', 256), new string('x', 4096), string.Concat(Enumerable.Repeat("\U0001F600", 200)),
        string.Concat(Enumerable.Repeat("\u00e9", 255)), "fz-a", "n1",
    ];

    /// <summary>JSON string literals with escapes that decode to invalid UTF-16 (lone surrogates) or NUL.</summary>
    public static readonly IReadOnlyList<string> RawStringLiterals =
    [
        "\"\\ud800\"", "\"\\udfff\"", "\"a\\ud800b\"", "\"\\udc00\\ud800\"", "\"\\ud83d\"", "\"\\u0000\"", "\"x\\u0000\"",
        "\"\\ud800\\u0041\"", "\"\\uD800\\uDC00\"",
    ];

    /// <summary>Whole bodies that are not a JSON object, or not JSON.</summary>
    public static readonly IReadOnlyList<string> NonObjectBodies =
    [
        "[]", "[{}]", "\"x\"", "1", "-0", "null", "true", "false", " ", "\u0000", "{}garbage", "{} {}", "{\"a\":1}}", "{,}",
        "{\"a\"}", "{'a':1}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":NaN}", "{\"a\":undefined}", "\uFEFF{}", "{\"a\":\"\u0001\"}",
    ];

    /// <summary>URI label values, already in their percent-encoded wire form.</summary>
    public static readonly IReadOnlyList<string> Labels =
    [
        "%2F", "a%2Fb", "a%2fb", "%00", "a%00b", "%C0%AF", "%FF", "%E2%80%AE", "%F0%9F%98%80", "%ED%A0%80", "..", "%2E%2E", ".",
        "%20", "a%20b", "%25", "%", "%zz", "a;b", "%3B", "~", "a+b", "%2B", "%5C", "*", new string('x', 255),
        new string('x', 256), new string('y', 1000), string.Concat(Enumerable.Repeat("%C3%A9", 256)),
    ];

    /// <summary>Bad values per query parameter (percent-encoded); anything else gets <see cref="AnyQueryValues"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> QueryValues = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["limit"] = ["abc", "0", "101", "-1", "2147483648", "9223372036854775808", "1.5", "", "1e2", "%201", "%00", "0x10", "100", "1"],
        ["nextToken"] = ["x", "", "AAAA", "AQ", "%FF", "====", "..", new string('A', 10_000), "AXg", "AWFiYw"],
        ["meshOwner"] = ["", "abc", "00000000000a", "1234567890123", "%00"],
        ["resourceArn"] =
        [
            "", "not-an-arn", "arn%3Aaws%3Aappmesh%3A%3A%3A", "arn%3Aaws%3Aappmesh%3Aus-east-1%3A%3Amesh%2Ffz-a",
            "arn%3Aaws%3Aappmesh%3Aus-east-1%3A123%3Amesh%2F", "arn%3Aaws%3Aappmesh%3Aus-east-1%3A123%3Amesh%2Ffz-a%2FvirtualNode",
            "arn%3Aaws%3Aappmesh%3Aus-east-1%3A123%3Amesh%2Ffz-a%2Froute%2Fx", "arn%3Aaws%3Aappmesh%3Aus-east-1%3A123%3Amesh%2Fa%2Fb%2Fc%2Fd%2Fe%2Ff%2Fg",
            "arn%3Aaws%3Aiam%3A%3A123%3Auser%2Fx", new string('a', 3000),
        ],
    };

    /// <summary>Values for parameters without a specific list.</summary>
    public static readonly IReadOnlyList<string> AnyQueryValues = ["", "%00", "%zz", "x%26y%3Dz", new string('q', 5000)];

    /// <summary>Names for members the model does not have.</summary>
    public static readonly IReadOnlyList<string> UnknownMembers =
    [
        "fuzzUnknown", "__proto__", "constructor", "$type", "", "SPEC", "spec ", "MeshName", "metadata", "status", "\u0000",
    ];
}
