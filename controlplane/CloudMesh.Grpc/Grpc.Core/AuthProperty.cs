using System.Text;

namespace Grpc.Core;

/// <summary>One named property of an <see cref="AuthContext"/>.</summary>
public class AuthProperty
{
    private readonly byte[] _valueBytes;

    private AuthProperty(string name, byte[] valueBytes)
    {
        Name = name;
        _valueBytes = valueBytes;
    }

    /// <summary>The property name, e.g. <c>x509_common_name</c>.</summary>
    public string Name { get; }

    /// <summary>The value as UTF-8 text.</summary>
    public string Value => Encoding.UTF8.GetString(_valueBytes);

    /// <summary>A copy of the value's bytes.</summary>
    public byte[] ValueBytes => (byte[])_valueBytes.Clone();

    /// <summary>Creates a property; the bytes are copied.</summary>
    public static AuthProperty Create(string name, byte[] valueBytes)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(valueBytes);
        return new AuthProperty(name, (byte[])valueBytes.Clone());
    }
}
