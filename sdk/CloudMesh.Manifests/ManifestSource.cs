namespace CloudMesh.Manifests;

/// <summary>The text of one manifest file and the name errors refer to it by.</summary>
/// <param name="Name">The path as the user gave it, or <c>-</c> for standard input.</param>
/// <param name="Text">The YAML text (one or more documents).</param>
public sealed record ManifestSource(string Name, string Text);
