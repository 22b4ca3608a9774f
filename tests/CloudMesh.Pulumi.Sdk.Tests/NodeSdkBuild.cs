using CloudMesh.TestSupport;

namespace CloudMesh.Pulumi.Sdk.Tests;

/// <summary>
/// The built SDK and its compiled tests: installs iac/sdk/nodejs's npm packages when missing or older than the lock
/// (./test.sh normally has), then runs <c>npm run build</c> and <c>npm run build:tests</c> once for the test class.
/// </summary>
public sealed class NodeSdkBuild : IAsyncLifetime
{
    private static readonly TimeSpan InstallPatience = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan BuildPatience = TimeSpan.FromMinutes(5);

    /// <summary>iac/sdk/nodejs: the package, its tests and its node_modules.</summary>
    public static string PackageDirectory => RepoPaths.Combine("iac", "sdk", "nodejs");

    /// <summary>Why the build failed, if it did; each test reports it rather than the fixture throwing once.</summary>
    public string? Failure { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (NeedsInstall())
        {
            await RunAsync(InstallPatience, "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }

        await RunAsync(BuildPatience, "run", "build");
        await RunAsync(BuildPatience, "run", "build:tests");
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    private static bool NeedsInstall()
    {
        // npm ci writes node_modules/.package-lock.json last: its presence means a complete install.
        var installed = Path.Combine(PackageDirectory, "node_modules", ".package-lock.json");
        var lockFile = Path.Combine(PackageDirectory, "package-lock.json");
        return !File.Exists(installed) || File.GetLastWriteTimeUtc(installed) < File.GetLastWriteTimeUtc(lockFile);
    }

    private async Task RunAsync(TimeSpan patience, params string[] arguments)
    {
        if (Failure is not null)
        {
            return;
        }

        var (exitCode, output) = await CommandLine.RunAsync(PackageDirectory, "npm", arguments, patience);
        if (exitCode != 0)
        {
            Failure = $"`npm {string.Join(' ', arguments)}` in iac/sdk/nodejs exited with {exitCode}:\n{output}";
        }
    }
}
