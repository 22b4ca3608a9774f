using System.Linq;
using CloudMesh.Sdk.Generator.Model;
using CloudMesh.Sdk.Generator.Naming;

namespace CloudMesh.Sdk.Generator.Emit;

/// <summary>
/// Emits every string enum as an <c>Amazon.Runtime.ConstantClass</c> in the service namespace, where aws-sdk-net puts
/// them (<c>Amazon.AppMesh.EgressFilterType</c>), with its constant names, <c>FindValue</c> and the string conversion.
/// </summary>
internal static class EnumEmitter
{
    public static string Emit(ServiceModel model)
    {
        var writer = new CodeWriter();
        writer.Open($"namespace {SdkNames.ServiceNamespace}");
        foreach (var shape in model.Shapes.Where(s => s.IsEnum))
        {
            EmitEnum(writer, shape);
        }

        writer.Close();
        return writer.ToString();
    }

    private static void EmitEnum(CodeWriter writer, Shape shape)
    {
        var name = shape.Name;
        DocComments.Summary(writer, $"Constants used for properties of type {name} (the model's <c>{name}</c> enum).");
        writer.Open($"public partial class {name} : global::Amazon.Runtime.ConstantClass");
        foreach (var value in shape.EnumValues!.OrderBy(v => SdkNames.EnumMemberName(v), System.StringComparer.Ordinal))
        {
            DocComments.Summary(writer, $"Constant {SdkNames.EnumMemberName(value)} for {name}: the wire value <c>{DocComments.Escape(value)}</c>.");
            writer.Line($"public static readonly {name} {SdkNames.EnumMemberName(value)} = new {name}({SdkNames.Literal(value)});");
            writer.Line();
        }

        DocComments.Summary(writer, "Creates a constant for a value this SDK does not define (a newer server's value).");
        writer.Line("/// <param name=\"value\">The wire value.</param>");
        writer.Line($"public {name}(string value) : base(value)");
        writer.Line("{");
        writer.Line("}");
        writer.Line();
        DocComments.Summary(writer, "Finds the constant for a wire value (a new constant when the value is not defined).");
        writer.Line("/// <param name=\"value\">The wire value.</param>");
        writer.Line("/// <returns>The constant for the value.</returns>");
        writer.Line($"public static {name} FindValue(string value) => FindValue<{name}>(value);");
        writer.Line();
        DocComments.Summary(writer, "Converts a wire value to the constant class.");
        writer.Line("/// <param name=\"value\">The wire value.</param>");
        writer.Line($"public static implicit operator {name}(string value) => FindValue(value);");
        writer.Close();
        writer.Line();
    }
}
