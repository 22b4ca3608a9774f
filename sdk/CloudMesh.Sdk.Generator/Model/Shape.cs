using System.Collections.Generic;

namespace CloudMesh.Sdk.Generator.Model;

/// <summary>One shape of the service model with its constraints; members and list elements are linked after reading.</summary>
internal sealed class Shape
{
    public Shape(string name, ShapeKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }
    public ShapeKind Kind { get; }
    public long? Min { get; set; }
    public long? Max { get; set; }
    public string? Pattern { get; set; }
    public IReadOnlyList<string>? EnumValues { get; set; }
    public bool IsUnion { get; set; }
    public bool IsException { get; set; }
    public int? ErrorStatusCode { get; set; }
    public bool RetryableThrottling { get; set; }
    public bool IsRetryable { get; set; }
    public bool Sensitive { get; set; }
    public string? Payload { get; set; }
    public List<Member> Members { get; } = new();

    /// <summary>The element of a list shape.</summary>
    public Shape? ListElement { get; set; }

    public bool IsEnum => Kind == ShapeKind.String && EnumValues is not null;
}
