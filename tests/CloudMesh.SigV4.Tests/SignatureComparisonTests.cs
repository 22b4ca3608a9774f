using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using CloudMesh.SigV4.Internal;

namespace CloudMesh.SigV4.Tests;

/// <summary>Signatures are compared in constant time: the comparison is CryptographicOperations.FixedTimeEquals.</summary>
public sealed class SignatureComparisonTests
{
    private const string Expected = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

    [Theory]
    [InlineData(Expected, true)]
    [InlineData("6fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", false)]
    [InlineData("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf32", false)]
    [InlineData("5FA00FA31553B73EBF1942676E86291E8372FF2A2260956D9B8AAE1D763FBF31", false)]
    [InlineData("5fa00fa3", false)]
    [InlineData("", false)]
    [InlineData("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31ff", false)]
    public void Matches_only_the_exact_lowercase_signature(string provided, bool matches)
    {
        Assert.Equal(matches, Signature.FixedTimeMatches(Encoding.ASCII.GetBytes(Expected), provided));
    }

    [Fact]
    public void Non_ascii_characters_cannot_alias_a_valid_signature()
    {
        // (char)0x135 truncated to a byte would be '5'; it must not match.
        string provided = "\u0135" + Expected[1..];
        Assert.False(Signature.FixedTimeMatches(Encoding.ASCII.GetBytes(Expected), provided));
    }

    [Fact]
    public void The_comparison_calls_FixedTimeEquals_and_no_early_exit_comparer()
    {
        MethodInfo compare = typeof(Signature).GetMethod(nameof(Signature.FixedTimeMatches), BindingFlags.Public | BindingFlags.Static)!;
        List<MethodBase> callees = CalledMethods(compare);

        Assert.Contains(callees, m => m.DeclaringType == typeof(CryptographicOperations) && m.Name == nameof(CryptographicOperations.FixedTimeEquals));
        Assert.DoesNotContain(callees, m => m.Name is "SequenceEqual" or "Equals" or "op_Equality" or "CompareOrdinal" or "SequenceCompareTo");
    }

    [Fact]
    public void The_verifier_compares_through_FixedTimeMatches()
    {
        MethodInfo check = typeof(SigV4Verifier).GetMethod("CheckSignature", BindingFlags.NonPublic | BindingFlags.Instance)!;
        List<MethodBase> callees = CalledMethods(check);
        Assert.Contains(callees, m => m.DeclaringType == typeof(Signature) && m.Name == nameof(Signature.FixedTimeMatches));
    }

    /// <summary>Methods a method's IL calls (call/callvirt operands), resolved through its module.</summary>
    private static List<MethodBase> CalledMethods(MethodInfo method)
    {
        byte[] il = method.GetMethodBody()!.GetILAsByteArray()!;
        var found = new List<MethodBase>();
        for (int i = 0; i + 4 < il.Length; i++)
        {
            // 0x28 = call, 0x6F = callvirt; a token follows. Scanning bytes may also hit operands of other
            // instructions, so only tokens that resolve to methods are kept.
            if (il[i] is not (0x28 or 0x6F))
            {
                continue;
            }

            int token = BitConverter.ToInt32(il, i + 1);
            if ((token >> 24) is not (0x0A or 0x06 or 0x2B))
            {
                continue;
            }

            try
            {
                if (method.Module.ResolveMethod(token, method.DeclaringType!.GetGenericArguments(), method.GetGenericArguments()) is { } callee)
                {
                    found.Add(callee);
                }
            }
            catch (ArgumentException)
            {
                // Not a method token after all.
            }
        }

        return found;
    }
}
