using System.Text.Json.Nodes;

namespace CloudMesh.AppMesh.Model;

/// <summary>Checks a JSON value against a model shape: every constraint the model states, nothing it does not.</summary>
public static class InputValidator
{
    /// <summary>The most errors reported for one value; enough to fix a request, few enough to read.</summary>
    public const int DefaultMaxErrors = 20;

    /// <summary>Validates <paramref name="value"/> against <paramref name="shape"/>, reporting at most <see cref="DefaultMaxErrors"/> errors.</summary>
    /// <param name="shape">The expected shape, usually an operation's <see cref="OperationModel.Input"/>.</param>
    /// <param name="value">The value; <c>null</c> for a structure means the empty object.</param>
    /// <returns>The errors, in a deterministic order; empty when the value is valid.</returns>
    public static IReadOnlyList<ValidationError> Validate(ShapeModel shape, JsonNode? value) =>
        Validate(shape, value, DefaultMaxErrors);

    /// <summary>Validates <paramref name="value"/> against <paramref name="shape"/>, reporting at most <paramref name="maxErrors"/> errors.</summary>
    /// <param name="shape">The expected shape.</param>
    /// <param name="value">The value; <c>null</c> for a structure means the empty object.</param>
    /// <param name="maxErrors">The cap on reported errors (at least 1).</param>
    /// <returns>The errors, in a deterministic order; empty when the value is valid.</returns>
    public static IReadOnlyList<ValidationError> Validate(ShapeModel shape, JsonNode? value, int maxErrors)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxErrors, 1);
        var walker = new ShapeWalker(maxErrors);
        walker.WalkRoot(shape, value);
        return walker.Errors;
    }
}
