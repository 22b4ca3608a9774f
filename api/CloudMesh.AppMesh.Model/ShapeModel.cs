using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace CloudMesh.AppMesh.Model;

/// <summary>
/// A named shape of the service model with its constraints. Immutable once the <see cref="ServiceModel"/> that owns it
/// is built; shapes refer to each other directly, so recursive shape graphs are plain object cycles.
/// </summary>
public sealed class ShapeModel
{
    private static readonly FrozenDictionary<string, MemberModel> NoMembers = FrozenDictionary<string, MemberModel>.Empty;

    private FrozenDictionary<string, MemberModel> _membersByName = NoMembers;
    private FrozenSet<string>? _enumSet;
    private Regex? _patternRegex;
    private string? _memberNamesText;
    private string? _enumText;

    internal ShapeModel(
        string name,
        ShapeType type,
        long? min,
        long? max,
        IReadOnlyList<string>? enumValues,
        string? pattern,
        bool isUnion,
        string? payload,
        bool isException,
        int? httpStatusCode,
        bool isSensitive,
        IReadOnlySet<string> required)
    {
        Name = name;
        Type = type;
        Min = min;
        Max = max;
        Enum = enumValues;
        Pattern = pattern;
        IsUnion = isUnion;
        Payload = payload;
        IsException = isException;
        HttpStatusCode = httpStatusCode;
        IsSensitive = isSensitive;
        Required = required;
        if (enumValues is not null)
        {
            _enumSet = enumValues.ToFrozenSet(StringComparer.Ordinal);
        }
    }

    /// <summary>The shape's name in the model, e.g. <c>VirtualNodeSpec</c>.</summary>
    public string Name { get; }

    /// <summary>The kind of value.</summary>
    public ShapeType Type { get; }

    /// <summary>Members of a structure, in model order; empty for other types.</summary>
    public IReadOnlyList<MemberModel> Members { get; private set; } = [];

    /// <summary>Names of required members of a structure.</summary>
    public IReadOnlySet<string> Required { get; }

    /// <summary>Lower bound: length for strings and blobs, value for numbers, element count for lists and maps.</summary>
    public long? Min { get; }

    /// <summary>Upper bound: length for strings and blobs, value for numbers, element count for lists and maps.</summary>
    public long? Max { get; }

    /// <summary>The allowed values of an enum string, in model order; <c>null</c> when unrestricted.</summary>
    public IReadOnlyList<string>? Enum { get; }

    /// <summary>The model's regular expression for strings; like Smithy's, it is not implicitly anchored.</summary>
    public string? Pattern { get; }

    /// <summary>Whether this structure is a tagged union: exactly one member must be set.</summary>
    public bool IsUnion { get; }

    /// <summary>For output structures, the member whose value is the whole HTTP body.</summary>
    public string? Payload { get; }

    /// <summary>The element of a list shape.</summary>
    public MemberModel? ListMember { get; private set; }

    /// <summary>The key shape of a map.</summary>
    public ShapeModel? MapKey { get; private set; }

    /// <summary>The value shape of a map.</summary>
    public ShapeModel? MapValue { get; private set; }

    /// <summary>Whether this structure is an error shape.</summary>
    public bool IsException { get; }

    /// <summary>The HTTP status of an error shape (<c>error.httpStatusCode</c>).</summary>
    public int? HttpStatusCode { get; }

    /// <summary>Whether values of this shape must not be echoed in logs or messages.</summary>
    public bool IsSensitive { get; }

    /// <summary>Finds a member by name.</summary>
    /// <param name="name">The member name (case-sensitive).</param>
    /// <param name="member">The member, when found.</param>
    /// <returns>Whether the structure has such a member.</returns>
    public bool TryGetMember(string name, [MaybeNullWhen(false)] out MemberModel member) =>
        _membersByName.TryGetValue(name, out member);

    /// <summary>Returns the member with this name.</summary>
    /// <param name="name">The member name (case-sensitive).</param>
    /// <exception cref="KeyNotFoundException">The structure has no such member.</exception>
    public MemberModel GetMember(string name) =>
        _membersByName.TryGetValue(name, out var member)
            ? member
            : throw new KeyNotFoundException($"Shape '{Name}' has no member '{name}'.");

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Type})";

    /// <summary>Whether <paramref name="value"/> is one of <see cref="Enum"/> (always true when there is no enum).</summary>
    internal bool IsEnumValue(string value) => _enumSet is null || _enumSet.Contains(value);

    /// <summary>The compiled <see cref="Pattern"/>, built on first use and shared by all threads afterwards.</summary>
    internal Regex? PatternRegex
    {
        get
        {
            if (Pattern is null)
            {
                return null;
            }

            // A race compiles twice at worst; both results are equivalent, so last-writer-wins is harmless.
            return _patternRegex ??= ModelPattern.Compile(Pattern);
        }
    }

    /// <summary>Member names for messages, e.g. <c>backends, listeners</c>.</summary>
    internal string MemberNamesText => _memberNamesText ??= string.Join(", ", Members.Select(m => m.Name));

    /// <summary>Enum values for messages, e.g. <c>ALLOW_ALL, DROP_ALL</c>.</summary>
    internal string EnumText => _enumText ??= Enum is null ? "" : string.Join(", ", Enum);

    internal void SetMembers(IReadOnlyList<MemberModel> members)
    {
        Members = members;
        _membersByName = members.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);
    }

    internal void SetListMember(MemberModel member) => ListMember = member;

    internal void SetMap(ShapeModel key, ShapeModel value)
    {
        MapKey = key;
        MapValue = value;
    }
}
