namespace CloudMesh.EndToEnd.Tests.Support;

/// <summary>How a proxy process is launched: the JIT build next to the tests, or a Native AOT executable.</summary>
/// <param name="FileName">The program to run.</param>
/// <param name="Arguments">Its arguments.</param>
public sealed record ProxyBinary(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>CloudMesh.Proxy.dll on the .NET runtime, as built with the tests (the project reference copies it here).</summary>
    public static ProxyBinary Jit { get; } = new("dotnet", [Path.Combine(AppContext.BaseDirectory, "CloudMesh.Proxy.dll")]);

    /// <summary>A self-contained executable (the Native AOT publish).</summary>
    public static ProxyBinary Executable(string path) => new(path, []);
}
