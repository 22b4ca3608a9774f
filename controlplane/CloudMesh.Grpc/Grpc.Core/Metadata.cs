using System.Collections;
using System.Diagnostics;
using System.Text;

namespace Grpc.Core;

/// <summary>
/// The key-value pairs exchanged on a call: request headers, response headers and response trailers. Keys are
/// lowercase; keys ending in <see cref="BinaryHeaderSuffix"/> carry bytes (base64 on the wire), others ASCII text.
/// Several entries may share a key. Not thread-safe.
/// </summary>
[DebuggerDisplay("Count = {Count}")]
public sealed class Metadata : IList<Metadata.Entry>
{
    /// <summary>The key suffix that marks a binary-valued entry.</summary>
    public const string BinaryHeaderSuffix = "-bin";

    /// <summary>A read-only empty instance.</summary>
    public static readonly Metadata Empty = new Metadata().Freeze();

    /// <summary>
    /// A request header that asks the client to compress request messages with the named algorithm (as in
    /// grpc-dotnet); it is consumed by the client and never sent.
    /// </summary>
    internal const string CompressionRequestAlgorithmMetadataKey = "grpc-internal-encoding-request";

    private readonly List<Entry> _entries = [];
    private bool _readOnly;

    /// <summary>The last entry with <paramref name="key"/>, or null.</summary>
    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].KeyEquals(key))
            {
                return _entries[i];
            }
        }

        return null;
    }

    /// <summary>The string value of the last entry with <paramref name="key"/>, or null; throws for a binary entry.</summary>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>The bytes of the last entry with <paramref name="key"/> (ASCII bytes for a text entry), or null.</summary>
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    /// <summary>Every entry with <paramref name="key"/>, in order.</summary>
    public IEnumerable<Entry> GetAll(string key)
    {
        foreach (var entry in _entries)
        {
            if (entry.KeyEquals(key))
            {
                yield return entry;
            }
        }
    }

    /// <summary>Adds a text entry; <paramref name="key"/> must not end in <c>-bin</c>.</summary>
    public void Add(string key, string value) => Add(new Entry(key, value));

    /// <summary>Adds a binary entry; <paramref name="key"/> must end in <c>-bin</c>.</summary>
    public void Add(string key, byte[] valueBytes) => Add(new Entry(key, valueBytes));

    /// <inheritdoc />
    public void Add(Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        CheckWritable();
        _entries.Add(item);
    }

    /// <inheritdoc />
    public Entry this[int index]
    {
        get => _entries[index];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            CheckWritable();
            _entries[index] = value;
        }
    }

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public bool IsReadOnly => _readOnly;

    /// <inheritdoc />
    public int IndexOf(Entry item) => _entries.IndexOf(item);

    /// <inheritdoc />
    public void Insert(int index, Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        CheckWritable();
        _entries.Insert(index, item);
    }

    /// <inheritdoc />
    public void RemoveAt(int index)
    {
        CheckWritable();
        _entries.RemoveAt(index);
    }

    /// <inheritdoc />
    public void Clear()
    {
        CheckWritable();
        _entries.Clear();
    }

    /// <inheritdoc />
    public bool Contains(Entry item) => _entries.Contains(item);

    /// <inheritdoc />
    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public bool Remove(Entry item)
    {
        CheckWritable();
        return _entries.Remove(item);
    }

    /// <inheritdoc />
    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    internal Metadata Freeze()
    {
        _readOnly = true;
        return this;
    }

    private void CheckWritable()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("Object is read only");
        }
    }

    /// <summary>One metadata entry: an immutable key with a text or a binary value.</summary>
    public class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        /// <summary>Creates a binary entry; the key must end in <c>-bin</c>. The bytes are copied.</summary>
        public Entry(string key, byte[] valueBytes)
        {
            Key = NormalizeKey(key);
            if (!HasBinarySuffix(Key))
            {
                throw new ArgumentException($"Key for binary valued metadata entry needs to have '{BinaryHeaderSuffix}' suffix indicating binary value.", nameof(key));
            }

            ArgumentNullException.ThrowIfNull(valueBytes);
            _valueBytes = (byte[])valueBytes.Clone();
        }

        /// <summary>Creates a text entry; the key must not end in <c>-bin</c>.</summary>
        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (HasBinarySuffix(Key))
            {
                throw new ArgumentException("Key for ASCII valued metadata entry cannot have suffix indicating binary value.", nameof(key));
            }

            ArgumentNullException.ThrowIfNull(value);
            _value = value;
        }

        // Used by the transport for values it decoded itself: no validation, no defensive copy.
        private Entry(string key, string? value, byte[]? valueBytes)
        {
            Key = key;
            _value = value;
            _valueBytes = valueBytes;
        }

        /// <summary>The lowercase key.</summary>
        public string Key { get; }

        /// <summary>A copy of the value's bytes (ASCII bytes of a text value).</summary>
        public byte[] ValueBytes => _valueBytes is null ? Encoding.ASCII.GetBytes(_value!) : (byte[])_valueBytes.Clone();

        /// <summary>The text value; throws for a binary entry.</summary>
        public string Value => _value ?? throw new InvalidOperationException("Cannot access string value of a binary metadata entry");

        /// <summary>Whether the entry carries bytes (its key ends in <c>-bin</c>).</summary>
        public bool IsBinary => _value is null;

        /// <inheritdoc />
        public override string ToString() => IsBinary
            ? $"[Entry: key={Key}, valueBytes={Convert.ToBase64String(_valueBytes!)}]"
            : $"[Entry: key={Key}, value={_value}]";

        /// <summary>The binary value without a copy; callers must not modify it.</summary>
        internal byte[]? RawValueBytes => _valueBytes;

        internal bool KeyEquals(string key) => string.Equals(Key, key, StringComparison.OrdinalIgnoreCase);

        /// <summary>An entry from a header the transport received: the key is already lowercase and valid.</summary>
        internal static Entry CreateTrusted(string key, string value) => new(key, value, null);

        /// <summary>A binary entry from a header the transport received and decoded.</summary>
        internal static Entry CreateTrusted(string key, byte[] valueBytes) => new(key, null, valueBytes);

        internal static bool HasBinarySuffix(string key) => key.EndsWith(BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase);

        private static string NormalizeKey(string key)
        {
            ArgumentNullException.ThrowIfNull(key);
            var lowercase = true;
            foreach (var c in key)
            {
                if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '_' or '-')
                {
                    continue;
                }

                if (c is >= 'A' and <= 'Z')
                {
                    lowercase = false;
                    continue;
                }

                throw new ArgumentException("Metadata entry key not valid. Keys can only contain lowercase alphanumeric characters, underscores, hyphens and dots.", nameof(key));
            }

            return lowercase ? key : key.ToLowerInvariant();
        }
    }
}
