namespace CloudMesh.Bench.Api.Tests;

public sealed class RunOptionsTests
{
    private static readonly string[] Required =
        ["--endpoint", "http://127.0.0.1:8080/", "--target", "cloudmesh", "--workload", "update", "--access-key", "AKIA", "--secret-key", "s"];

    [Fact]
    public void Defaults_apply_when_only_the_required_options_are_given()
    {
        var options = RunOptions.Parse(Required);

        Assert.Equal(WorkloadKind.Update, options.Workload);
        Assert.Equal(16, options.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Duration);
        Assert.Equal(TimeSpan.FromSeconds(3), options.WarmUp);
        Assert.Equal(100, options.Nodes);
        Assert.Null(options.OutputFile);
    }

    [Fact]
    public void Optional_values_override_the_defaults()
    {
        var options = RunOptions.Parse([.. Required, "--concurrency", "4", "--duration", "2.5", "--warmup", "0", "--nodes", "7", "--out", "r.json"]);

        Assert.Equal(4, options.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Duration);
        Assert.Equal(TimeSpan.Zero, options.WarmUp);
        Assert.Equal(7, options.Nodes);
        Assert.Equal("r.json", options.OutputFile);
    }

    [Theory]
    [InlineData("--concurrency", "0")]
    [InlineData("--concurrency", "-3")]
    [InlineData("--duration", "soon")]
    [InlineData("--workload", "delete")]
    public void Bad_values_are_refused(string name, string value)
    {
        Assert.Throws<ArgumentException>(() => RunOptions.Parse([.. Required, name, value]));
    }

    [Fact]
    public void A_missing_required_option_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => RunOptions.Parse(Required[2..]));

        Assert.Contains("--endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Workload_names_round_trip()
    {
        Assert.All(WorkloadKinds.All, kind => Assert.Equal(kind, WorkloadKinds.Parse(kind.Name())));
    }
}
