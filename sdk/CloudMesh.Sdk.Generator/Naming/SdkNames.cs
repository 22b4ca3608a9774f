using System.Collections.Generic;
using System.Linq;
using System.Text;
using CloudMesh.Sdk.Generator.Model;

namespace CloudMesh.Sdk.Generator.Naming;

/// <summary>
/// Names as AWSSDK.AppMesh spells them: operation inputs become <c>XxxRequest</c>, outputs <c>XxxResponse</c>, every
/// other shape keeps its model name; members are PascalCase of the wire name; enum constants follow aws-sdk-net's rule.
/// </summary>
internal sealed class SdkNames
{
    public const string ServiceNamespace = "CloudMesh.Sdk.AppMesh";
    public const string ModelNamespace = ServiceNamespace + ".Model";
    public const string TransformNamespace = ModelNamespace + ".Internal.MarshallTransformations";

    private readonly Dictionary<Shape, string> _classNames = new();
    private readonly Dictionary<Shape, Operation> _requests = new();
    private readonly Dictionary<Shape, Operation> _responses = new();

    public SdkNames(ServiceModel model)
    {
        foreach (var operation in model.Operations)
        {
            _classNames[operation.Input] = operation.Name + "Request";
            _classNames[operation.Output] = operation.Name + "Response";
            _requests[operation.Input] = operation;
            _responses[operation.Output] = operation;
        }

        foreach (var shape in model.Shapes.Where(s => s.Kind == ShapeKind.Structure && !_classNames.ContainsKey(s)))
        {
            _classNames[shape] = shape.Name;
        }
    }

    public bool IsRequest(Shape shape) => _requests.ContainsKey(shape);

    public bool IsResponse(Shape shape) => _responses.ContainsKey(shape);

    /// <summary>The operation whose input or output <paramref name="shape"/> is, if any.</summary>
    public Operation? OperationOf(Shape shape) =>
        _requests.TryGetValue(shape, out var input) ? input : _responses.TryGetValue(shape, out var output) ? output : null;

    /// <summary>A structure that is neither an operation's input or output nor an error: specs, data, refs and their parts.</summary>
    public bool IsModelStructure(Shape shape) =>
        shape.Kind == ShapeKind.Structure && !shape.IsException && !IsRequest(shape) && !IsResponse(shape);

    public string ClassName(Shape shape) => _classNames[shape];

    /// <summary>The fully qualified type of a generated structure, error or enum.</summary>
    public string QualifiedName(Shape shape) => shape.IsEnum
        ? $"global::{ServiceNamespace}.{shape.Name}"
        : $"global::{ModelNamespace}.{ClassName(shape)}";

    /// <summary>The JSON codec class of a model structure.</summary>
    public string CodecName(Shape shape) => $"global::{TransformNamespace}.{ClassName(shape)}JsonCodec";

    public static string PropertyName(Member member) => Pascal(member.Name);

    /// <summary>The nullable property type of a member: value types as <c>T?</c>, collections and classes as <c>T?</c>.</summary>
    public string PropertyType(Shape shape) => ElementType(shape) + "?";

    /// <summary>The type of a value of <paramref name="shape"/> where it cannot be null (a list element).</summary>
    public string ElementType(Shape shape) => shape.Kind switch
    {
        ShapeKind.Structure => QualifiedName(shape),
        ShapeKind.String when shape.IsEnum => QualifiedName(shape),
        ShapeKind.String => "string",
        ShapeKind.Integer => "int",
        ShapeKind.Long => "long",
        ShapeKind.Double => "double",
        ShapeKind.Boolean => "bool",
        ShapeKind.Timestamp => "global::System.DateTime",
        // aws-sdk-net types lists of enum values as List<string>.
        ShapeKind.List => $"global::System.Collections.Generic.List<{ListElementType(shape.ListElement!)}>",
        _ => "object",
    };

    private string ListElementType(Shape element) => element.IsEnum ? "string" : ElementType(element);

    /// <summary>
    /// aws-sdk-net's constant names: a value that already reads as an identifier with capitals (ALLOW_ALL, IPv4_ONLY)
    /// is kept; any other (http, deadline-exceeded) becomes PascalCase of its words (Http, DeadlineExceeded).
    /// </summary>
    public static string EnumMemberName(string value)
    {
        var isIdentifier = value.Length > 0 && char.IsLetter(value[0]) && value.All(c => char.IsLetterOrDigit(c) || c == '_');
        if (isIdentifier && value.Any(char.IsUpper))
        {
            return value;
        }

        var builder = new StringBuilder();
        foreach (var word in value.Split(new[] { '-', '_', '.', ' ', '/' }, System.StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpperInvariant(word[0])).Append(word.Substring(1));
        }

        return builder.ToString();
    }

    public static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

    /// <summary>A C# string literal.</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4"));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
