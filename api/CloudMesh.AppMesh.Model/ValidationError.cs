namespace CloudMesh.AppMesh.Model;

/// <summary>One way an input breaks the model.</summary>
/// <param name="Path">Where: <c>spec.listeners[0].portMapping.port</c>, <c>tags["key"]</c>, or empty for the whole input.</param>
/// <param name="Message">What was expected, in words a caller can act on.</param>
public sealed record ValidationError(string Path, string Message)
{
    /// <summary>The error as one line: <c>path: message</c>, or just the message when the path is empty.</summary>
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
