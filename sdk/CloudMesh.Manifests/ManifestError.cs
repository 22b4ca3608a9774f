namespace CloudMesh.Manifests;

/// <summary>One problem found in the manifests, at the place the author has to change.</summary>
/// <param name="Location">Where: the member, key or value at fault.</param>
/// <param name="Message">What is wrong, in words the author can act on.</param>
public sealed record ManifestError(SourceLocation Location, string Message)
{
    /// <summary><c>file:line:column: message</c>.</summary>
    public override string ToString() => $"{Location}: {Message}";
}
