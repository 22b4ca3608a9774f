using System.Collections.Generic;
using CloudMesh.Sdk.Generator.Model;
using CloudMesh.Sdk.Generator.Naming;

namespace CloudMesh.Sdk.Generator.Emit;

/// <summary>
/// Emits one class per structure (requests, responses and model types), shaped as aws-sdk-net's: a backing field, a
/// property with <c>AWSProperty</c> constraints, and an internal <c>IsSetXxx()</c> the marshallers use.
/// </summary>
internal sealed class StructureEmitter
{
    private readonly SdkNames _names;
    private readonly DocComments _docs;

    public StructureEmitter(SdkNames names, DocComments docs)
    {
        _names = names;
        _docs = docs;
    }

    public string Emit(Shape shape)
    {
        var writer = new CodeWriter();
        writer.Open($"namespace {SdkNames.ModelNamespace}");
        _docs.ForStructure(writer, shape);
        writer.Open($"public partial class {_names.ClassName(shape)}{BaseType(shape)}");
        var first = true;
        foreach (var member in shape.Members)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            EmitMember(writer, member);
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private string BaseType(Shape shape)
    {
        if (_names.IsRequest(shape))
        {
            return $" : global::{SdkNames.ModelNamespace}.AmazonAppMeshRequest";
        }

        return _names.IsResponse(shape) ? " : global::Amazon.Runtime.AmazonWebServiceResponse" : "";
    }

    private void EmitMember(CodeWriter writer, Member member)
    {
        var property = SdkNames.PropertyName(member);
        var field = "_" + char.ToLowerInvariant(property[0]) + property.Substring(1);
        var type = _names.PropertyType(member.Shape);
        writer.Line($"private {type} {field};");
        writer.Line();
        _docs.ForMember(writer, member);
        var attribute = PropertyAttribute(member);
        if (attribute is not null)
        {
            writer.Line(attribute);
        }

        writer.Open($"public {type} {property}");
        writer.Line($"get {{ return this.{field}; }}");
        writer.Line($"set {{ this.{field} = value; }}");
        writer.Close();
        writer.Line();
        writer.Line($"/// <summary>Whether {property} is set (only set members are sent).</summary>");
        writer.Line($"internal bool IsSet{property}() => this.{field} != null;");
    }

    private static string? PropertyAttribute(Member member)
    {
        var arguments = new List<string>();
        if (member.Required)
        {
            arguments.Add("Required = true");
        }

        if (member.Shape.Sensitive)
        {
            arguments.Add("Sensitive = true");
        }

        if (member.Shape.Min is { } min)
        {
            arguments.Add($"Min = {min}");
        }

        if (member.Shape.Max is { } max)
        {
            arguments.Add($"Max = {max}");
        }

        return arguments.Count == 0 ? null : $"[global::Amazon.Runtime.Internal.AWSProperty({string.Join(", ", arguments)})]";
    }
}
