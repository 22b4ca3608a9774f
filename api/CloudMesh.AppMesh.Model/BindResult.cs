using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace CloudMesh.AppMesh.Model;

/// <summary>The outcome of binding a request: a valid input object, or why there is none.</summary>
public sealed class BindResult
{
    private BindResult(JsonObject? input, IReadOnlyList<ValidationError> errors, string? malformedJson)
    {
        Input = input;
        Errors = errors;
        MalformedJson = malformedJson;
    }

    /// <summary>The bound and validated input: URI, query, header and body members in one object.</summary>
    public JsonObject? Input { get; }

    /// <summary>Validation errors; empty on success and when the body was malformed.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>Why the body could not be read as a JSON object, e.g. <c>Malformed JSON: ... (line 1, byte 9)</c>.</summary>
    public string? MalformedJson { get; }

    /// <summary>Whether <see cref="Input"/> holds a valid input.</summary>
    [MemberNotNullWhen(true, nameof(Input))]
    public bool Succeeded => Input is not null;

    /// <summary>All problems as one message, suitable for a <c>BadRequestException</c>; empty on success.</summary>
    public string ErrorMessage =>
        MalformedJson ?? string.Join("; ", Errors.Select(e => e.ToString()));

    internal static BindResult Success(JsonObject input) => new(input, [], null);

    internal static BindResult Invalid(IReadOnlyList<ValidationError> errors) => new(null, errors, null);

    internal static BindResult Malformed(string message) => new(null, [], message);
}
