using CloudMesh.Pulumi.Provider.Schema;
using CloudMesh.TestSupport;

namespace CloudMesh.Pulumi.Tests.Schema;

/// <summary>
/// iac/schema.json is the checked-in copy of what GetSchema serves; with CLOUDMESH_APPROVE_GOLDEN=1 it is rewritten
/// instead (review the diff). The served text is compared with the same file in ProviderProtocolTests.
/// </summary>
public sealed class SchemaFileTests
{
    public static string SchemaPath => RepoPaths.Combine("iac", "schema.json");

    private static bool Approving => Environment.GetEnvironmentVariable("CLOUDMESH_APPROVE_GOLDEN") == "1";

    [Fact]
    public void The_checked_in_schema_is_what_the_provider_generates()
    {
        if (Approving)
        {
            File.WriteAllText(SchemaPath, PackageSchema.Text);
            return;
        }

        Assert.True(File.Exists(SchemaPath), $"{SchemaPath} is missing: run with CLOUDMESH_APPROVE_GOLDEN=1 and review it");
        var expected = File.ReadAllText(SchemaPath).ReplaceLineEndings("\n");
        var actual = PackageSchema.Text;
        if (expected != actual)
        {
            var (e, a) = (expected.Split('\n'), actual.Split('\n'));
            var line = 0;
            while (line < e.Length && line < a.Length && e[line] == a[line])
            {
                line++;
            }

            Assert.Fail($"{SchemaPath} differs from the generated schema at line {line + 1}:\n  file:      {(line < e.Length ? e[line] : "<end>")}\n  generated: {(line < a.Length ? a[line] : "<end>")}\nRegenerate with CLOUDMESH_APPROVE_GOLDEN=1 and review the diff.");
        }
    }
}
