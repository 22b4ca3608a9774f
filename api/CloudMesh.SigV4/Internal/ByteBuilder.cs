using System.Buffers;
using System.Text;

namespace CloudMesh.SigV4.Internal;

/// <summary>
/// Grows a pooled byte buffer; the canonical request and string-to-sign are written here as UTF-8
/// so that hashing needs no intermediate string.
/// </summary>
internal ref struct ByteBuilder
{
    private byte[] _buffer;
    private int _length;

    public ByteBuilder(int initialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
        _length = 0;
    }

    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>The backing array; valid only until the next append (used by comparers that cannot hold a span).</summary>
    public readonly byte[] UnderlyingArray => _buffer;

    public void Append(byte value)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = value;
    }

    public void Append(scoped ReadOnlySpan<byte> value)
    {
        if (_length + value.Length > _buffer.Length)
        {
            Grow(value.Length);
        }

        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    /// <summary>Appends text as UTF-8 (ASCII is the overwhelmingly common case and stays one byte per char).</summary>
    public void Append(scoped ReadOnlySpan<char> value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_length + max > _buffer.Length)
        {
            Grow(max);
        }

        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>Appends ASCII text lower-cased (header names).</summary>
    public void AppendLowerAscii(scoped ReadOnlySpan<char> value)
    {
        // Up to three UTF-8 bytes per UTF-16 unit if a non-ASCII character sneaks in.
        if (_length + (value.Length * 3) > _buffer.Length)
        {
            Grow(value.Length * 3);
        }

        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c >= 0x80)
            {
                // Not a valid header name character; keep the bytes exact rather than guess a case mapping.
                Append(value.Slice(i, 1));
                continue;
            }

            _buffer[_length++] = (byte)(c is >= 'A' and <= 'Z' ? c + 32 : c);
        }
    }

    public void AppendHex(scoped ReadOnlySpan<byte> value)
    {
        if (_length + (value.Length * 2) > _buffer.Length)
        {
            Grow(value.Length * 2);
        }

        Hex.WriteLower(value, _buffer.AsSpan(_length));
        _length += value.Length * 2;
    }

    public readonly override string ToString() => Encoding.UTF8.GetString(Written);

    public void Dispose()
    {
        byte[] toReturn = _buffer;
        _buffer = [];
        _length = 0;
        if (toReturn.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(toReturn);
        }
    }

    private void Grow(int additional)
    {
        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + additional));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
