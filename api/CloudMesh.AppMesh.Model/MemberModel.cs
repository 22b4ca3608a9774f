namespace CloudMesh.AppMesh.Model;

/// <summary>A named member of a structure shape (or the element of a list shape).</summary>
public sealed class MemberModel
{
    internal MemberModel(string name, ShapeModel shape, string? location, string? locationName, bool idempotencyToken, bool isRequired)
    {
        Name = name;
        Shape = shape;
        Location = location;
        LocationName = locationName ?? name;
        IdempotencyToken = idempotencyToken;
        IsRequired = isRequired;
    }

    /// <summary>The member's name: the JSON property name in bound inputs and in bodies.</summary>
    public string Name { get; }

    /// <summary>The shape of the member's value.</summary>
    public ShapeModel Shape { get; }

    /// <summary>Where the member travels: <c>null</c> for the JSON body, or <c>"uri"</c>, <c>"querystring"</c>, <c>"header"</c>.</summary>
    public string? Location { get; }

    /// <summary>The name on the wire: the URI label, query parameter or header name (defaults to <see cref="Name"/>).</summary>
    public string LocationName { get; }

    /// <summary>Whether clients fill this member with a generated token to make retries idempotent.</summary>
    public bool IdempotencyToken { get; }

    /// <summary>Whether the containing structure lists this member as required.</summary>
    public bool IsRequired { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Shape.Name}";
}
