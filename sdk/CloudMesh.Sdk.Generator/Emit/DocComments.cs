using System.Collections.Generic;
using System.Linq;
using CloudMesh.Sdk.Generator.Model;
using CloudMesh.Sdk.Generator.Naming;

namespace CloudMesh.Sdk.Generator.Emit;

/// <summary>
/// XML documentation built from the model itself (its prose was stripped): wire names, where a member travels,
/// required-ness, length/range/pattern/enum constraints, HTTP bindings and the errors an operation can return.
/// </summary>
internal sealed class DocComments
{
    private readonly SdkNames _names;

    public DocComments(SdkNames names) => _names = names;

    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public static void Summary(CodeWriter writer, string text)
    {
        writer.Line("/// <summary>");
        writer.Line("/// " + text);
        writer.Line("/// </summary>");
    }

    public void ForStructure(CodeWriter writer, Shape shape)
    {
        var operation = _names.OperationOf(shape);
        var text = operation is not null && _names.IsRequest(shape)
            ? $"Container for the parameters of the {operation.Name} operation (<c>{operation.Method} {Escape(operation.RequestUri)}</c>; model shape <c>{shape.Name}</c>)."
            : operation is not null
                ? $"The result of the {operation.Name} operation (model shape <c>{shape.Name}</c>)."
                : shape.IsUnion
                    ? $"The App Mesh <c>{Escape(shape.Name)}</c> union: set exactly one of its members."
                    : $"The App Mesh <c>{Escape(shape.Name)}</c> structure.";
        var required = shape.Members.Where(m => m.Required).Select(m => $"<c>{m.Name}</c>").ToList();
        writer.Line("/// <summary>");
        writer.Line("/// " + text);
        if (required.Count > 0)
        {
            writer.Line($"/// Required members: {string.Join(", ", required)}.");
        }

        writer.Line("/// </summary>");
    }

    public void ForMember(CodeWriter writer, Member member)
    {
        writer.Line("/// <summary>");
        writer.Line($"/// Gets and sets the property {SdkNames.PropertyName(member)}: wire member <c>{Escape(member.Name)}</c>, {Where(member)}.");
        foreach (var line in Constraints(member))
        {
            writer.Line("/// " + line);
        }

        writer.Line("/// </summary>");
    }

    public void ForOperation(CodeWriter writer, Operation operation, bool withParameters)
    {
        writer.Line("/// <summary>");
        writer.Line($"/// Calls the App Mesh <c>{operation.Name}</c> operation: <c>{operation.Method} {Escape(operation.RequestUri)}</c>" +
                    $" (HTTP {operation.ResponseCode} on success).");
        writer.Line("/// </summary>");
        if (withParameters)
        {
            writer.Line($"/// <param name=\"request\">Container for the parameters of the {operation.Name} operation.</param>");
            writer.Line("/// <param name=\"cancellationToken\">Cancels the request.</param>");
            writer.Line($"/// <returns>The response from the {operation.Name} operation.</returns>");
        }

        foreach (var error in operation.Errors.OrderBy(e => e.Name, System.StringComparer.Ordinal))
        {
            writer.Line($"/// <exception cref=\"{_names.QualifiedName(error)}\">Error code <c>{error.Name}</c> (HTTP {error.ErrorStatusCode}).</exception>");
        }
    }

    private static string Where(Member member) => member.Location switch
    {
        "uri" => $"sent in the URI path as <c>{{{Escape(member.LocationName)}}}</c>",
        "querystring" => $"sent as the query parameter <c>{Escape(member.LocationName)}</c>",
        "header" => $"sent as the header <c>{Escape(member.LocationName)}</c>",
        _ => "a JSON body member",
    };

    private static IEnumerable<string> Constraints(Member member)
    {
        var shape = member.Shape;
        if (member.Required)
        {
            yield return "<para>This member is required.</para>";
        }

        if (member.IdempotencyToken)
        {
            yield return "<para>An idempotency token: when not set, the SDK sends a new random GUID.</para>";
        }

        var bounds = Bounds(shape);
        if (bounds is not null)
        {
            yield return $"<para>{bounds}</para>";
        }

        if (shape.Pattern is not null)
        {
            yield return $"<para>Pattern: <c>{Escape(shape.Pattern)}</c>.</para>";
        }

        if (shape.IsEnum)
        {
            yield return $"<para>Allowed values: {string.Join(", ", shape.EnumValues!.Select(v => $"<c>{Escape(v)}</c>"))}.</para>";
        }

        if (shape.Kind == ShapeKind.List && shape.ListElement!.IsEnum)
        {
            yield return $"<para>Each item is one of: {string.Join(", ", shape.ListElement.EnumValues!.Select(v => $"<c>{Escape(v)}</c>"))}.</para>";
        }

        if (shape.Kind == ShapeKind.Timestamp)
        {
            yield return "<para>Sent as epoch seconds; read as a UTC <see cref=\"System.DateTime\"/>.</para>";
        }
    }

    private static string? Bounds(Shape shape)
    {
        if (shape.Min is null && shape.Max is null)
        {
            return null;
        }

        var what = shape.Kind switch
        {
            ShapeKind.String => "Length",
            ShapeKind.List => "Number of items",
            _ => "Value",
        };
        return (shape.Min, shape.Max) switch
        {
            ({ } min, { } max) => $"{what}: at least {min}, at most {max}.",
            ({ } min, null) => $"{what}: at least {min}.",
            (null, { } max) => $"{what}: at most {max}.",
            _ => null,
        };
    }
}
