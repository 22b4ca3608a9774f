using System.Text;

namespace CloudMesh.AppMesh.Model;

/// <summary>
/// The location being validated, kept as one growing buffer: segments are appended on the way down and cut off on
/// the way back, so a path string is only allocated when an error is reported.
/// </summary>
internal sealed class ValidationPath
{
    private readonly StringBuilder _buffer = new(64);

    /// <summary>Appends <c>.name</c> (or <c>name</c> at the root) and returns the mark to <see cref="Truncate"/> to.</summary>
    internal int PushMember(string name)
    {
        var mark = _buffer.Length;
        if (mark > 0)
        {
            _buffer.Append('.');
        }

        _buffer.Append(name);
        return mark;
    }

    /// <summary>Appends <c>[index]</c>.</summary>
    internal int PushIndex(int index)
    {
        var mark = _buffer.Length;
        _buffer.Append('[').Append(index).Append(']');
        return mark;
    }

    /// <summary>Appends <c>["key"]</c>, escaping quotes and backslashes in the key.</summary>
    internal int PushKey(string key)
    {
        var mark = _buffer.Length;
        _buffer.Append("[\"");
        foreach (var c in key)
        {
            if (c is '"' or '\\')
            {
                _buffer.Append('\\');
            }

            _buffer.Append(c);
        }

        _buffer.Append("\"]");
        return mark;
    }

    internal void Truncate(int mark) => _buffer.Length = mark;

    public override string ToString() => _buffer.ToString();
}
