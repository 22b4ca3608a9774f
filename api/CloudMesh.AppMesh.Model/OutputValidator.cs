using System.Text.Json.Nodes;

namespace CloudMesh.AppMesh.Model;

/// <summary>
/// Checks responses against the model (required members, types, constraints, no unknown members): a test and
/// debugging aid that proves what the service sends is what the model promises.
/// </summary>
public static class OutputValidator
{
    /// <summary>Validates a whole output object (all members, before shaping) against <paramref name="output"/>.</summary>
    /// <param name="output">The output shape.</param>
    /// <param name="value">The output object.</param>
    /// <returns>The mismatches; empty when the value conforms.</returns>
    public static IReadOnlyList<ValidationError> Validate(ShapeModel output, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(output);
        return InputValidator.Validate(output, value);
    }

    /// <summary>Validates a response body as sent on the wire for <paramref name="operation"/>.</summary>
    /// <param name="operation">The operation that produced the body.</param>
    /// <param name="body">The parsed body; <c>null</c> for an empty body.</param>
    /// <returns>The mismatches; empty when the body conforms.</returns>
    public static IReadOnlyList<ValidationError> ValidateBody(OperationModel operation, JsonNode? body)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.Output is not { } output)
        {
            return body is null || body is JsonObject { Count: 0 }
                ? []
                : [new ValidationError("", $"{operation.Name} has no output, but the body is not empty")];
        }

        if (output.Payload is { } payload)
        {
            var member = output.GetMember(payload);
            if (body is null)
            {
                return output.Required.Contains(payload)
                    ? [new ValidationError("", $"Missing required payload '{payload}' ({member.Shape.Name})")]
                    : [];
            }

            return InputValidator.Validate(member.Shape, body);
        }

        var errors = InputValidator.Validate(output, body);
        var located = output.Members.Where(m => m.Location is not null).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        if (located.Count == 0)
        {
            return errors;
        }

        // Header-bound members travel outside the body; their absence from it is expected, not an error.
        return errors.Where(e => !(located.Contains(e.Path) && e.Message.StartsWith("Missing required member", StringComparison.Ordinal))).ToList();
    }
}
