namespace CloudMesh.OpenApi.Tests.Support;

/// <summary>The checkout these tests run in, found by walking up to CloudMesh.sln.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Directory => Root.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root.Value, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudMesh.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CloudMesh.sln not found above " + AppContext.BaseDirectory);
    }
}
