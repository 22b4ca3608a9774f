using System.Text.Json;
using CloudMesh.Api.Core.Errors;
using CloudMesh.Api.Persistence;
using CloudMesh.Api.Security;
using CloudMesh.Api.Throttling;
using CloudMesh.AppMesh.Model;
using CloudMesh.SigV4;
using Microsoft.AspNetCore.Http.Features;

namespace CloudMesh.Api.AppMesh;

/// <summary>
/// The HTTP edge of one App Mesh operation: authenticate (SigV4) and bind the tenant, apply the tenant's rate limit,
/// bind and validate the input against the model, dispatch, and write the output or a rest-json error.
/// </summary>
public sealed class AppMeshRequestHandler(
    SigV4Verifier verifier,
    AccessKeyStore keys,
    TenantRateLimiter rateLimiter,
    TenantLimitsProvider limits,
    ILogger<AppMeshRequestHandler> logger)
{
    /// <summary>Largest request body accepted; App Mesh specs are a few KiB.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Handles one request for <paramref name="operation"/>.</summary>
    public Task HandleAsync(HttpContext http, AppMeshOperation operation) =>
        HandleTenantRequestAsync(http, operation.Name, request => ExecuteAsync(request, operation));

    /// <summary>
    /// The envelope every tenant request shares (App Mesh operations and CloudMesh's extensions alike): read the body,
    /// verify SigV4 and bind the tenant, apply the tenant's rate limit, run <paramref name="handle"/>, and render any
    /// failure as a rest-json error (database outages as 503, defects as 500 with the request id).
    /// </summary>
    public async Task HandleTenantRequestAsync(HttpContext http, string operationName, Func<TenantRequest, Task> handle)
    {
        var ct = http.RequestAborted;
        http.Response.Headers["x-amzn-RequestId"] = http.TraceIdentifier;
        try
        {
            var body = await ReadBodyAsync(http.Request, ct);
            var accountId = await AuthenticateAsync(http, body, ct);
            if (accountId is null)
            {
                return;
            }

            var db = http.RequestServices.GetRequiredService<CloudMeshDbContext>();
            http.RequestServices.GetRequiredService<TenantScope>().Bind(accountId);
            if (!rateLimiter.TryAcquire(accountId, await limits.GetAsync(db, accountId, ct)))
            {
                throw new AppMeshException(AppMeshErrorCode.TooManyRequests,
                    $"Rate exceeded: account {accountId} sent more requests than its limit allows; retry with backoff.");
            }

            await handle(new TenantRequest(http, accountId, body));
        }
        catch (AppMeshException ex)
        {
            await ErrorResponses.WriteAsync(http, ex.StatusCode, ex.Code, ex.Message);
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            var unavailable = DatabaseFailures.Unavailable();
            logger.LogWarning(ex, "Database unavailable during {Operation}", operationName);
            await ErrorResponses.WriteAsync(http, unavailable.StatusCode, unavailable.Code, unavailable.Message);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or EndOfStreamException && !http.Response.HasStarted)
        {
            // A truncated or malformed HTTP body (the client's fault, reported by Kestrel).
            await ErrorResponses.WriteAsync(http, 400, AppMeshErrorCode.BadRequest, $"The request body could not be read: {ex.Message}");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception ex) when (!http.Response.HasStarted)
        {
            // A defect, not a client error: log it whole, answer in the API's own format, and leak nothing internal.
            logger.LogError(ex, "Unhandled failure in {Operation} (request {RequestId})", operationName, http.TraceIdentifier);
            await ErrorResponses.WriteAsync(http, 500, AppMeshErrorCode.InternalServerError,
                $"An internal error occurred. Request id: {http.TraceIdentifier}.");
        }
    }

    private static async Task ExecuteAsync(TenantRequest request, AppMeshOperation operation)
    {
        var http = request.Http;
        var routeValues = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in http.Request.RouteValues)
        {
            if (value is string s)
            {
                routeValues[name] = s;
            }
        }

        var query = http.Request.Query.SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? "")));
        BindResult bound;
        try
        {
            bound = RequestBinder.Bind(operation.Model, routeValues, query,
                name => http.Request.Headers.TryGetValue(name, out var v) ? v.ToString() : null, request.Body);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            // System.Text.Json refuses some text only when it is read (e.g. an unpaired surrogate in a member name).
            throw AppMeshException.BadRequest($"Malformed JSON: {ex.Message}");
        }
        if (!bound.Succeeded)
        {
            throw AppMeshException.BadRequest(bound.ErrorMessage);
        }

        var output = await http.RequestServices.GetRequiredService<OperationDispatcher>().ExecuteAsync(operation, bound.Input, http.RequestAborted);
        await WriteOutputAsync(http, operation, output);
    }

    private async Task<string?> AuthenticateAsync(HttpContext http, byte[] body, CancellationToken ct)
    {
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path + http.Request.QueryString;
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var rawQuery = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];
        var headers = new List<KeyValuePair<string, string>>(http.Request.Headers.Count + 1);
        foreach (var (name, values) in http.Request.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(KeyValuePair.Create(name, value ?? ""));
            }
        }

        if (!http.Request.Headers.ContainsKey("Host") && http.Request.Host.HasValue)
        {
            headers.Add(KeyValuePair.Create("Host", http.Request.Host.Value));
        }

        var request = new SigV4Request(http.Request.Method, rawPath, rawQuery, headers, SigV4Request.HashPayload(body));
        var result = await verifier.VerifyAsync(request, keys, ct);
        if (result.IsSuccess)
        {
            return result.Credential!.Principal;
        }

        await ErrorResponses.WriteAsync(http, result.HttpStatus, result.ErrorCode!, result.Message!);
        return null;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return []; // most reads (GET, DELETE) carry no body: skip buffering entirely
        }

        if (request.ContentLength is > MaxBodyBytes)
        {
            throw AppMeshException.BadRequest($"The request body is larger than {MaxBodyBytes} bytes.");
        }

        if (request.ContentLength is { } length)
        {
            var exact = new byte[length];
            await request.Body.ReadExactlyAsync(exact, ct);
            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw AppMeshException.BadRequest($"The request body is larger than {MaxBodyBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static async Task WriteOutputAsync(HttpContext http, AppMeshOperation operation, System.Text.Json.Nodes.JsonObject output)
    {
        var response = http.Response;
        response.StatusCode = operation.Model.ResponseCode;
        if (operation.Model.Output is not { } outputShape)
        {
            return;
        }

        var shaped = OutputShaper.Shape(outputShape, output);
        foreach (var (name, value) in shaped.Headers)
        {
            response.Headers[name] = value;
        }

        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.BodyWriter.AsStream());
        if (shaped.Body is null)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }
        else
        {
            shaped.Body.WriteTo(writer);
        }
    }
}
