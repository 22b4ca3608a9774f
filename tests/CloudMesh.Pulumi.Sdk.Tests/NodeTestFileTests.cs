using System.Text.RegularExpressions;

namespace CloudMesh.Pulumi.Sdk.Tests;

/// <summary>
/// Runs the SDK's node:test files (iac/sdk/nodejs/tests/*.test.ts, compiled, and scripts/*.test.mjs) one xunit case
/// per file, so each shows up in the solution's results and a failure carries node's TAP output.
/// </summary>
public sealed partial class NodeTestFileTests(NodeSdkBuild build) : IClassFixture<NodeSdkBuild>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>The node test files, as paths relative to iac/sdk/nodejs of what node runs.</summary>
    public static TheoryData<string> TestFiles()
    {
        var package = NodeSdkBuild.PackageDirectory;
        var data = new TheoryData<string>();
        // tests/*.ts compile to bin-tests/sdk/nodejs/tests/*.js (the tests' rootDir is iac/, to include the example).
        foreach (var source in Directory.GetFiles(Path.Combine(package, "tests"), "*.test.ts").Order(StringComparer.Ordinal))
        {
            data.Add($"bin-tests/sdk/nodejs/tests/{Path.GetFileNameWithoutExtension(source)}.js");
        }

        foreach (var script in Directory.GetFiles(Path.Combine(package, "scripts"), "*.test.mjs").Order(StringComparer.Ordinal))
        {
            data.Add($"scripts/{Path.GetFileName(script)}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TestFiles))]
    public async Task Node_test_file_passes(string testFile)
    {
        Assert.True(build.Failure is null, build.Failure);

        var (exitCode, output) = await CommandLine.RunAsync(
            NodeSdkBuild.PackageDirectory, "node", ["--test", "--test-reporter=tap", testFile], Patience);

        var passed = Count(PassLine(), output);
        var failed = Count(FailLine(), output);
        Assert.True(exitCode == 0 && failed == 0 && passed > 0,
            $"node --test {testFile}: exit {exitCode}, {passed} passed, {failed} failed.\n{output}");
    }

    private static int Count(Regex summary, string output)
    {
        var match = summary.Match(output);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    [GeneratedRegex(@"^# pass (\d+)$", RegexOptions.Multiline)]
    private static partial Regex PassLine();

    [GeneratedRegex(@"^# fail (\d+)$", RegexOptions.Multiline)]
    private static partial Regex FailLine();
}
