using CloudMesh.Api.Admin;
using CloudMesh.Api.AppMesh;
using CloudMesh.Api.Core.Paging;
using CloudMesh.Api.Persistence;
using CloudMesh.Api.Security;
using CloudMesh.Api.Registry;
using CloudMesh.Api.Throttling;
using CloudMesh.ControlPlane.Postgres;
using CloudMesh.SigV4;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CloudMesh.Api.Hosting;

/// <summary>
/// Builds and starts the CloudMesh API: resolves (or provisions) the database, applies migrations, creates the default
/// tenant on first start, wires services and maps the endpoints. Used by <c>Program</c> and by tests, which start the
/// real server on a real port.
/// </summary>
public static class CloudMeshHost
{
    /// <summary>The URL used when neither <c>ASPNETCORE_URLS</c> nor <c>--urls</c> is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Builds, prepares and starts the server; dispose the result to stop it.</summary>
    public static async Task<CloudMeshServer> StartAsync(CloudMeshOptions options, string[] args, Action<string>? print = null, CancellationToken ct = default)
    {
        print ??= Console.WriteLine;
        var (connectionString, cluster) = await DatabaseProvisioning.ResolveAsync(options, print, ct);
        try
        {
            var builder = WebApplication.CreateSlimBuilder(args);
            if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            {
                builder.WebHost.UseUrls(DefaultUrl);
            }

            builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("System", LogLevel.Warning);
            builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
            var keyMaterial = KeyMaterial.Load(options);
            AddServices(builder.Services, options, keyMaterial, connectionString);

            var app = builder.Build();
            var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
            await MigrateWithRetryAsync(dataSource, print, ct);
            MapEndpoints(app);
            await app.StartAsync(ct);

            var endpoint = app.Urls.FirstOrDefault() ?? DefaultUrl;
            var guidance = await FirstRunSetup.RunAsync(app.Services, options, dataSource, endpoint, ct);
            return new CloudMeshServer(app, cluster, keyMaterial, new Uri(endpoint), guidance);
        }
        catch
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            throw;
        }
    }

    private static void AddServices(IServiceCollection services, CloudMeshOptions options, KeyMaterial keyMaterial, string connectionString)
    {
        var dataSource = new NpgsqlDataSourceBuilder(Tune(connectionString)).Build();
        var protector = new SecretProtector(keyMaterial.EncryptionKey);

        services.AddSingleton(options);
        services.AddSingleton(keyMaterial);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(dataSource);
        services.AddSingleton(protector);
        services.AddSingleton(new PageTokenCodec(protector.DeriveKey("page-tokens")));
        services.AddSingleton<AccessKeyStore>();
        services.AddSingleton<TenantLimitsProvider>();
        services.AddSingleton<TenantRateLimiter>();
        services.AddSingleton<ResourceRenderer>();
        services.AddSingleton<AppMeshRequestHandler>();
        services.AddSingleton(sp => new SigV4Verifier(
            new SigV4VerifierOptions { Region = options.Region, Service = "appmesh" }, sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton<IdempotencyTokenSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<IdempotencyTokenSweeper>());
        services.AddScoped<TenantScope>();
        // Pooled contexts (cheaper per request); each rented one is bound to the request's tenant scope.
        services.AddPooledDbContextFactory<CloudMeshDbContext>(o => o.UseNpgsql(dataSource), poolSize: 256);
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<CloudMeshDbContext>>().CreateDbContext();
            db.Tenant = sp.GetRequiredService<TenantScope>();
            // Every write runs in an explicit transaction that is retried or rolled back whole, so the savepoint
            // EF would wrap around each SaveChanges is two wasted round trips.
            db.Database.AutoSavepointsEnabled = false;
            return db;
        });
        services.AddScoped<ResourceQueries>();
        services.AddScoped<TransactionRunner>();
        services.AddScoped<ResourceService>();
        services.AddScoped<TagService>();
        services.AddScoped<OperationDispatcher>();
        services.AddScoped<TenantAdministration>();

        var storeOptions = new ControlPlaneStoreOptions { Region = options.Region };
        services.AddSingleton(storeOptions);
        services.AddSingleton<XdsTokenStore>();
        services.AddSingleton<EndpointRegistry>();
    }

    /// <summary>
    /// Performance defaults the operator did not set: every request runs the same few statements, so letting
    /// Npgsql prepare them server-side saves PostgreSQL a parse and plan each time; and pooled connections carry no
    /// session state worth a reset (so none is sent on every return to the pool).
    /// </summary>
    internal static string Tune(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new HashSet<string>(
            connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => p.Split('=', 2)[0].Replace(" ", "", StringComparison.Ordinal)),
            StringComparer.OrdinalIgnoreCase);
        if (!given.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!given.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", async (NpgsqlDataSource db, CancellationToken ct) =>
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                await using var cmd = db.CreateCommand("SELECT 1");
                await cmd.ExecuteScalarAsync(timeout.Token);
                return Results.Text("ok");
            }
            catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
            {
                return Results.Json(new { message = "The database is unreachable." }, statusCode: 503);
            }
        });

        var openApiFile = Path.Combine(AppContext.BaseDirectory, "openapi.yaml");
        app.MapGet("/openapi.yaml", () => Results.File(openApiFile, "application/yaml"));
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "swagger";
            ui.SwaggerEndpoint("/openapi.yaml", "CloudMesh API");
        });

        app.MapAppMeshApi();
        app.MapAdminApi();
        app.MapRegistryApi();
    }

    private static async Task MigrateWithRetryAsync(NpgsqlDataSource dataSource, Action<string> print, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var applied = await SchemaMigrator.MigrateAsync(dataSource, ct);
                if (applied.Count > 0)
                {
                    print($"Applied database migrations: {string.Join(", ", applied)}.");
                }

                return;
            }
            catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex) && DateTime.UtcNow < deadline)
            {
                print($"Waiting for the database: {ex.Message}");
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
