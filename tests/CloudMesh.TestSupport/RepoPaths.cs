namespace CloudMesh.TestSupport;

/// <summary>Locations inside the repository, found from the test assembly's folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root: the nearest ancestor of the test binaries holding <c>CloudMesh.sln</c>.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudMesh.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CloudMesh.sln above '{AppContext.BaseDirectory}'.");
    }
}
