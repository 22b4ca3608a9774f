using System.Security.Cryptography;

namespace CloudMesh.Pulumi.Provider.Resources;

/// <summary>
/// Names for resources declared without one: the Pulumi resource name, a dash and 7 lowercase hex characters. The
/// suffix comes from the engine's random seed when it sends one, so every Check of a resource within one deployment
/// agrees; the engine draws a new seed for each deployment (unless an update plan fixes it), which is why Check keeps a
/// resource's existing name rather than deriving it again.
/// </summary>
internal static class AutoName
{
    /// <summary>The number of random hex characters appended.</summary>
    public const int SuffixLength = 7;

    /// <summary>Makes a name for <paramref name="resourceName"/>.</summary>
    public static string For(string resourceName, ReadOnlySpan<byte> randomSeed)
    {
        Span<byte> random = stackalloc byte[4];
        if (randomSeed.Length >= 4)
        {
            SHA256.HashData(randomSeed)[..4].CopyTo(random);
        }
        else
        {
            RandomNumberGenerator.Fill(random);
        }

        return $"{resourceName}-{Convert.ToHexStringLower(random)[..SuffixLength]}";
    }
}
