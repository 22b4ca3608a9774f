namespace CloudMesh.Sdk.Generator.Model;

/// <summary>A structure member: its wire name, target shape and where it travels (uri, querystring, header or body).</summary>
internal sealed class Member
{
    public Member(string name, Shape shape, string? location, string? locationName, bool required, bool idempotencyToken)
    {
        Name = name;
        Shape = shape;
        Location = location;
        LocationName = locationName ?? name;
        Required = required;
        IdempotencyToken = idempotencyToken;
    }

    public string Name { get; }
    public Shape Shape { get; }
    public string? Location { get; }
    public string LocationName { get; }
    public bool Required { get; }
    public bool IdempotencyToken { get; }

    public bool InBody => Location is null;
}
