using CloudMesh.Api.Admin;
using CloudMesh.Api.AppMesh;
using CloudMesh.Api.Core.Paging;
using CloudMesh.Api.Persistence;
using CloudMesh.Api.Security;
using CloudMesh.Api.Registry;
using CloudMesh.Api.Throttling;
using CloudMesh.ControlPlane.Postgres;
using CloudMesh.ControlPlane.Sources;
using Microsoft.AspNetCore.Server.Kestrel.Core;
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
        if (options.XdsUrl is { } xds && KestrelEndpoints.ParseUrl(xds).Port == 0)
        {
            // ADS is routed to its own listener by port (RequireHost below), which a port picked at bind time cannot match.
            throw new InvalidOperationException($"CLOUDMESH_XDS_URL '{xds}' needs an explicit port; port 0 is not supported.");
        }

        var (connectionString, cluster) = await DatabaseProvisioning.ResolveAsync(options, print, ct);
        try
        {
            // Configuration comes from the environment and the command line; appsettings files are read once, never
            // watched. The default (watch, content root = working directory) put a FileSystemWatcher on the working
            // directory tree, and with CLOUDMESH_HOME's PostgreSQL writing below it (e.g. ~/.cloudmesh run from ~) that
            // watcher thread alone took ~5% of the server's CPU under write load (measured with perf).
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
                ContentRootPath = AppContext.BaseDirectory,
            });
            var apiUrls = (CloudMeshOptions.NonEmpty(builder.Configuration["urls"]) ?? DefaultUrl)
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var xdsUri = options.XdsUrl is { } xdsUrl ? KestrelEndpoints.ParseUrl(xdsUrl) : null;

            builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("System", LogLevel.Warning)
                // Every endpoint is bound in code below (from the same URLs), which makes this exact category warn that
                // it "overrides" them on every start; its errors still show.
                .AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error);
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                foreach (var url in apiUrls)
                {
                    // Cleartext HTTP/2 needs prior knowledge, which no REST client uses: offer it only with TLS (ALPN).
                    KestrelEndpoints.Listen(k, url, url.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
                        ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1);
                }

                if (xdsUri is not null)
                {
                    KestrelEndpoints.Listen(k, options.XdsUrl!, HttpProtocols.Http2, XdsCertificate(options));
                    // Thousands of long-lived streams per connection-less proxy: detect dead peers without waiting for TCP.
                    k.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(30);
                    k.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
                }
            });
            var keyMaterial = KeyMaterial.Load(options);
            var storeOptions = new ControlPlaneStoreOptions { Region = options.Region, ReplicaId = options.ReplicaId };
            AddServices(builder.Services, options, keyMaterial, connectionString, storeOptions);
            if (xdsUri is not null)
            {
                AddControlPlane(builder.Services, options, keyMaterial, storeOptions);
            }

            var app = builder.Build();
            var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
            await MigrateWithRetryAsync(dataSource, print, ct);
            MapEndpoints(app);
            if (xdsUri is not null)
            {
                // ADS only on the xDS listener; the operator endpoints on the API's, behind the admin token.
                app.MapCloudMeshControlPlane().Ads.RequireHost($"*:{xdsUri.Port}");
            }
            await app.StartAsync(ct);

            var endpoint = ApiEndpoint(apiUrls[0]);
            var guidance = await FirstRunSetup.RunAsync(app.Services, options, dataSource, endpoint, ct);
            return new CloudMeshServer(app, cluster, keyMaterial, new Uri(endpoint), xdsUri, guidance);
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

    private static void AddServices(IServiceCollection services, CloudMeshOptions options, KeyMaterial keyMaterial, string connectionString, ControlPlaneStoreOptions storeOptions)
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

        services.AddSingleton<MeshChangePublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<MeshChangePublisher>());
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
        services.AddScoped<ResourceWriteStatements>();
        services.AddScoped<TransactionRunner>();
        services.AddScoped<ResourceService>();
        services.AddScoped<TagService>();
        services.AddScoped<OperationDispatcher>();
        services.AddScoped<TenantAdministration>();

        services.AddSingleton(storeOptions);
        services.AddSingleton<XdsTokenStore>();
        services.AddSingleton<EndpointRegistry>();
    }

    /// <summary>
    /// The control plane in this process: ADS fed by the compiler over PostgreSQL snapshots, woken by LISTEN/NOTIFY,
    /// streams authenticated by SigV4 (tenant access keys) or xDS tokens, proxy-announced instances on leases.
    /// </summary>
    private static void AddControlPlane(IServiceCollection services, CloudMeshOptions options, KeyMaterial keyMaterial, ControlPlaneStoreOptions storeOptions)
    {
        services.AddSingleton<IMeshSnapshotLoader, PostgresMeshSnapshotLoader>();
        services.AddSingleton<CompilingProxyConfigSource>();
        services.AddSingleton<IProxyConfigSource>(sp => sp.GetRequiredService<CompilingProxyConfigSource>());
        services.AddSingleton<IConfigCacheInvalidator>(sp => sp.GetRequiredService<CompilingProxyConfigSource>());
        services.AddSingleton<IXdsTokenValidator>(sp => sp.GetRequiredService<XdsTokenStore>());
        services.AddSingleton<ISigV4CredentialStore>(sp => sp.GetRequiredService<AccessKeyStore>());
        services.AddSingleton<IEndpointRegistrar>(sp => sp.GetRequiredService<EndpointRegistry>());
        services.AddSingleton<PostgresChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeFeed>());
        services.AddHostedService<EndpointLeaseKeeper>();
        services.AddCloudMeshControlPlane(o =>
        {
            o.ReplicaId = options.ReplicaId;
            o.Region = options.Region;
            // Re-registering each open stream's instance is what keeps its lease alive (and restores a swept row).
            o.EndpointRenewInterval = storeOptions.LeaseDuration / 3;
            o.AuthorizeOperator = http => AdminTokenFilter.IsAdmin(http, keyMaterial);
        });
    }

    private static Func<System.Security.Cryptography.X509Certificates.X509Certificate2>? XdsCertificate(CloudMeshOptions options) =>
        options.XdsTlsCertificateFile is { } certificate
            ? () => KestrelEndpoints.LoadPem(certificate, options.XdsTlsKeyFile)
            : null;

    // What to tell clients: a wildcard bind is reached on loopback from this machine.
    private static string ApiEndpoint(string url)
    {
        var uri = KestrelEndpoints.ParseUrl(url);
        return uri.Host is "0.0.0.0" or "[::]" ? $"{uri.Scheme}://127.0.0.1:{uri.Port}" : $"{uri.Scheme}://{uri.Host}:{uri.Port}";
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
