using System.Globalization;
using System.Security.Cryptography;

namespace CloudMesh.ControlPlane.Protocol;

/// <summary>
/// Fresh nonces for one stream: a random per-stream prefix and a counter, so a nonce from another stream (or a
/// previous connection) can never be mistaken for one of ours.
/// </summary>
internal sealed class NonceSource
{
    private readonly string _prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private long _counter;

    public string Next() => string.Concat(_prefix, "-", (++_counter).ToString(CultureInfo.InvariantCulture));
}
