namespace CloudMesh.Manifests;

/// <summary>A position in a manifest file, as editors and compilers print it.</summary>
/// <param name="File">The file as it was given (or a name such as <c>-</c> for standard input).</param>
/// <param name="Line">1-based line; 0 when the position is the file as a whole.</param>
/// <param name="Column">1-based column; 0 when the position is the file as a whole.</param>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary>The location of a file as a whole (it could not be read, or holds nothing).</summary>
    public static SourceLocation WholeFile(string file) => new(file, 0, 0);

    /// <summary><c>file:line:column</c>, or just <c>file</c> for a whole file.</summary>
    public override string ToString() => Line == 0 ? File : $"{File}:{Line}:{Column}";
}
