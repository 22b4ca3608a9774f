using System.Diagnostics;
using CloudMesh.TestSupport;
using Xunit;

namespace CloudMesh.EndToEnd.Tests.Support;

/// <summary>
/// The proxy published the way the sidecar ships (<c>dotnet publish -r linux-x64</c>: Native AOT, see docs/proxy.md),
/// built once per test class from the repository's sources into a directory of its own, so that trimming and
/// ahead-of-time compilation are exercised by real traffic and not only by the compiler.
/// </summary>
public sealed class NativeAotProxyBuild : IAsyncLifetime
{
    /// <summary>A safety net for a cold publish on a loaded 2-core machine, never an expectation of speed.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(20);

    private readonly TempDirectory _artifacts = new("cloudmesh-aot-proxy");

    /// <summary>The published executable.</summary>
    public ProxyBinary Binary { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet",
            ["publish", RepoPaths.Combine("proxy", "CloudMesh.Proxy", "CloudMesh.Proxy.csproj"), "-c", "Release", "-r", "linux-x64",
             "--artifacts-path", _artifacts.Path, "-nologo", "-v", "q", "-clp:ErrorsOnly"]);
        var result = await ProcessRunner.RunToEndAsync(start, Patience);
        var executable = _artifacts.Combine("publish", "CloudMesh.Proxy", "release_linux-x64", "CloudMesh.Proxy");
        if (result.ExitCode != 0 || !File.Exists(executable))
        {
            throw new InvalidOperationException($"The Native AOT publish of the proxy failed ({executable}):\n{result}");
        }

        Binary = ProxyBinary.Executable(executable);
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _artifacts.Dispose();
        return Task.CompletedTask;
    }
}
