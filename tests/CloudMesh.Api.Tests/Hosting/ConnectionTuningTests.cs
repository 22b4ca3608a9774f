using CloudMesh.Api.Hosting;
using Npgsql;
using Xunit;

namespace CloudMesh.Api.Tests.Hosting;

public sealed class ConnectionTuningTests
{
    [Fact]
    public void Adds_statement_preparation_and_skips_connection_resets_by_default()
    {
        var tuned = new NpgsqlConnectionStringBuilder(CloudMeshHost.Tune("Host=127.0.0.1;Port=5432;Database=cm"));

        Assert.Equal(64, tuned.MaxAutoPrepare);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("cm", tuned.Database);
    }

    [Fact]
    public void Leaves_what_the_operator_configured()
    {
        var tuned = new NpgsqlConnectionStringBuilder(CloudMeshHost.Tune("Host=h;Max Auto Prepare=0;No Reset On Close=false"));

        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.False(tuned.NoResetOnClose);
    }
}
