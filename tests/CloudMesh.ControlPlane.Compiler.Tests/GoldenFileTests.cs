using CloudMesh.ControlPlane.Compiler.Tests.Support;

namespace CloudMesh.ControlPlane.Compiler.Tests;

/// <summary>
/// Each <c>Golden/&lt;case&gt;</c> compiles its input and compares the result with expected.json byte for
/// byte; with CLOUDMESH_APPROVE_GOLDEN=1 the expected files are rewritten instead (review the diff).
/// </summary>
public sealed class GoldenFileTests
{
    private static bool Approving => Environment.GetEnvironmentVariable("CLOUDMESH_APPROVE_GOLDEN") == "1";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var golden in GoldenCase.All())
        {
            data.Add(golden.Name);
        }

        return data;
    }

    [Fact]
    public void There_is_a_golden_case_per_feature()
    {
        Assert.True(GoldenCase.All().Count >= 30, $"only {GoldenCase.All().Count} golden cases under {GoldenCase.Root}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compiles_to_the_approved_configuration(string name)
    {
        var golden = GoldenCase.Named(name);
        var (snapshot, proxy) = golden.Load();

        var config = MeshCompiler.Prepare(snapshot).Compile(proxy);

        Assert.NotNull(config);
        Assert.Empty(ConsistencyCheck.Verify(config));
        var actual = XdsJson.Format(config) + "\n";
        if (Approving)
        {
            File.WriteAllText(golden.ExpectedPath, actual);
            return;
        }

        Assert.True(File.Exists(golden.ExpectedPath), $"{golden.ExpectedPath} is missing: run with CLOUDMESH_APPROVE_GOLDEN=1 and review it");
        var expected = File.ReadAllText(golden.ExpectedPath).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            // Show the first differing line: a whole-file diff in an assertion message is unreadable.
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            var line = 0;
            while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
            {
                line++;
            }

            Assert.Fail($"{name}: output differs from expected.json at line {line + 1}:\n"
                + $"  expected: {(line < expectedLines.Length ? expectedLines[line] : "<end>")}\n"
                + $"  actual:   {(line < actualLines.Length ? actualLines[line] : "<end>")}\n"
                + "Re-approve with CLOUDMESH_APPROVE_GOLDEN=1 if the change is intended.");
        }
    }
}
