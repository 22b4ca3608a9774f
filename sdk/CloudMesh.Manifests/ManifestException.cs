namespace CloudMesh.Manifests;

/// <summary>
/// The manifests cannot be applied. Carries every problem found (not just the first) so one run shows the author
/// everything to fix; nothing has been sent anywhere when this is thrown.
/// </summary>
public sealed class ManifestException : Exception
{
    /// <summary>Creates the exception for a non-empty list of errors.</summary>
    public ManifestException(IReadOnlyList<ManifestError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>The problems, in file order where the manifests define one.</summary>
    public IReadOnlyList<ManifestError> Errors { get; }

    private static string Describe(IReadOnlyList<ManifestError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A manifest exception needs at least one error.", nameof(errors));
        }

        var heading = errors.Count == 1 ? "1 error in the manifests:" : $"{errors.Count} errors in the manifests:";
        return heading + Environment.NewLine + string.Join(Environment.NewLine, errors);
    }
}
