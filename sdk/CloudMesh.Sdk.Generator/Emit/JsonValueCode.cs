using CloudMesh.Sdk.Generator.Model;
using CloudMesh.Sdk.Generator.Naming;

namespace CloudMesh.Sdk.Generator.Emit;

/// <summary>
/// The statements that write a member to a <c>Utf8JsonWriter</c> and the expressions that read it from a
/// <c>JsonElement</c>, shared by the model codecs, the request marshallers and the response unmarshallers so that one
/// wire format is produced everywhere (rest-json: timestamps as epoch seconds, enums as their string value).
/// </summary>
internal sealed class JsonValueCode
{
    private const string Wire = "global::CloudMesh.Sdk.AppMesh.Internal.AppMeshWire";
    private readonly SdkNames _names;

    public JsonValueCode(SdkNames names) => _names = names;

    /// <summary>Writes <paramref name="member"/> of <paramref name="owner"/> when it is set.</summary>
    public void WriteMember(CodeWriter writer, Member member, string owner)
    {
        var access = $"{owner}.{SdkNames.PropertyName(member)}";
        writer.Open($"if ({owner}.IsSet{SdkNames.PropertyName(member)}())");
        writer.Line($"writer.WritePropertyName({SdkNames.Literal(member.Name)});");
        WriteValue(writer, member.Shape, IsValueType(member.Shape) ? access + ".GetValueOrDefault()" : access + "!", false, 0);
        writer.Close();
    }

    private void WriteValue(CodeWriter writer, Shape shape, string value, bool enumAsString, int depth)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Structure:
                writer.Line($"{_names.CodecName(shape)}.Write(writer, {value});");
                break;
            case ShapeKind.String:
                writer.Line(shape.IsEnum && !enumAsString ? $"writer.WriteStringValue({value}.Value);" : $"writer.WriteStringValue({value});");
                break;
            case ShapeKind.Integer:
            case ShapeKind.Long:
            case ShapeKind.Double:
                writer.Line($"writer.WriteNumberValue({value});");
                break;
            case ShapeKind.Boolean:
                writer.Line($"writer.WriteBooleanValue({value});");
                break;
            case ShapeKind.Timestamp:
                writer.Line($"writer.WriteNumberValue({Wire}.ToEpochSeconds({value}));");
                break;
            case ShapeKind.List:
                var item = "item" + depth;
                writer.Line("writer.WriteStartArray();");
                writer.Open($"foreach (var {item} in {value})");
                WriteValue(writer, shape.ListElement!, item, true, depth + 1);
                writer.Close();
                writer.Line("writer.WriteEndArray();");
                break;
        }
    }

    /// <summary>A <c>case</c> that reads <paramref name="member"/> from <c>property.Value</c> into <paramref name="owner"/>.</summary>
    public void ReadMemberCase(CodeWriter writer, Member member, string owner)
    {
        writer.Line($"case {SdkNames.Literal(member.Name)}:");
        writer.Line($"    {owner}.{SdkNames.PropertyName(member)} = {ReadValue(member.Shape, "property.Value", false, 0)};");
        writer.Line("    break;");
    }

    /// <summary>An expression reading a value of <paramref name="shape"/> from the element <paramref name="element"/>.</summary>
    public string ReadValue(Shape shape, string element, bool enumAsString, int depth)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Structure:
                return $"{_names.CodecName(shape)}.Read({element})";
            case ShapeKind.String:
                return shape.IsEnum && !enumAsString
                    ? $"{_names.QualifiedName(shape)}.FindValue({Wire}.ReadString({element}))"
                    : $"{Wire}.ReadString({element})";
            case ShapeKind.Integer:
                return $"{Wire}.ReadInt32({element})";
            case ShapeKind.Long:
                return $"{Wire}.ReadInt64({element})";
            case ShapeKind.Double:
                return $"{Wire}.ReadDouble({element})";
            case ShapeKind.Boolean:
                return $"{Wire}.ReadBoolean({element})";
            case ShapeKind.Timestamp:
                return $"{Wire}.ReadTimestamp({element})";
            default:
                var item = "item" + depth;
                return $"{Wire}.ReadList({element}, {item} => {ReadValue(shape.ListElement!, item, true, depth + 1)})";
        }
    }

    private static bool IsValueType(Shape shape) =>
        shape.Kind is ShapeKind.Integer or ShapeKind.Long or ShapeKind.Double or ShapeKind.Boolean or ShapeKind.Timestamp;
}
