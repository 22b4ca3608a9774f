using System.Security.Cryptography;

namespace CloudMesh.Api.Core.Tenancy;

/// <summary>Tenant account ids: 12 decimal digits, as AWS account ids.</summary>
public static class AccountIds
{
    /// <summary>Generates a random account id (never starting with 0, so it reads as a number too).</summary>
    public static string New()
    {
        Span<char> digits = stackalloc char[12];
        digits[0] = (char)('1' + RandomNumberGenerator.GetInt32(9));
        for (var i = 1; i < digits.Length; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        return new string(digits);
    }

    /// <summary>True when <paramref name="value"/> is exactly 12 ASCII digits.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: 12 } && value.All(char.IsAsciiDigit);
}
