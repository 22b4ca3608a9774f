using Xunit;

namespace CloudMesh.TestSupport;

/// <summary>An xunit class fixture owning one fresh database on the shared test server, dropped when the class is done.</summary>
public class PostgresDatabaseFixture : IAsyncLifetime
{
    private string? _connectionString;

    /// <summary>The connection string of this fixture's database.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The fixture has not been initialized.");

    /// <summary>Starts the database name; override to tell fixtures apart.</summary>
    protected virtual string DatabasePrefix => GetType().Name;

    /// <inheritdoc />
    public async Task InitializeAsync() => _connectionString = await TestPostgres.CreateDatabaseAsync(DatabasePrefix);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_connectionString is not null)
        {
            await TestPostgres.DropDatabaseAsync(_connectionString);
        }
    }
}
