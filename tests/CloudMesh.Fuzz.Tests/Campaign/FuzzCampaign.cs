using System.Diagnostics;
using System.Text.Json;
using CloudMesh.AppMesh.Model;
using CloudMesh.Fuzz.Tests.Generation;
using CloudMesh.Fuzz.Tests.Mutation;
using CloudMesh.Fuzz.Tests.Oracle;
using CloudMesh.TestSupport.ApiServer;

namespace CloudMesh.Fuzz.Tests.Campaign;

/// <summary>
/// One fuzz run against a live server: tenant A sends valid and mutated requests for every operation (the valid ones
/// build real state), tenant B reads its own resources in between, and afterwards the database is compared with what
/// the successful requests imply.
/// </summary>
internal sealed class FuzzCampaign(CloudMeshApiFixture api, FuzzSettings settings)
{
    private const double ValidShare = 0.35;
    private const int ProbeEvery = 15;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private static readonly (FuzzVerb, int)[] ValidVerbWeights =
    [
        (FuzzVerb.Create, 36), (FuzzVerb.Update, 20), (FuzzVerb.Delete, 7), (FuzzVerb.Describe, 12), (FuzzVerb.List, 12),
        (FuzzVerb.TagResource, 5), (FuzzVerb.UntagResource, 3), (FuzzVerb.ListTagsForResource, 5),
    ];

    public async Task<FuzzOutcome> RunAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        var a = await api.NewTenantClientAsync("fuzz-a");
        var b = new OtherTenant(await api.NewTenantClientAsync("fuzz-b"));
        await b.CreateAsync();
        var rowsOfB = await DatabaseRows.ReadAsync(api.ConnectionString, b.AccountId);

        var random = new Random(settings.Seed);
        var context = new GenerationContext(a.Credentials.AccountId) { ClientTokenPrefix = $"fz{settings.Seed}" };
        var generator = new ValidInputGenerator(random, context);
        var mutator = new Mutator(random, generator, b.AccountId);
        var state = new ExpectedState();
        var markersOfB = b.Uids.Prepend(b.AccountId).ToList();
        var oracle = new ResponseOracle(state, context, markersOfB);
        var operations = ServiceModel.AppMesh.Operations.Values.OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
        var byVerb = operations.GroupBy(o => FuzzKind.Classify(o.Name).Verb).ToDictionary(g => g.Key, g => g.ToList());
        var tally = new Tally();
        var failures = new FailureLog();
        int unsendable = 0, probes = 0;

        for (var i = 0; i < settings.Iterations; i++)
        {
            var valid = random.Chance(ValidShare);
            var operation = valid ? random.Pick(byVerb[random.Weighted(ValidVerbWeights)]) : random.Pick(operations);
            var input = generator.Generate(operation);
            var request = valid
                ? EncodedRequest.From(operation, input).Render("valid", input, true)
                : mutator.Mutate(operation, input);

            var (response, problem) = await SendAsync(a, request);
            if (response is null)
            {
                if (problem is null)
                {
                    unsendable++;
                }
                else
                {
                    failures.Add(i, request, null, problem);
                }
            }
            else
            {
                tally.Add(request.Mutation, (int)response.Status, response.ErrorType);
                foreach (var found in oracle.Check(request, response))
                {
                    failures.Add(i, request, response, found);
                }
            }

            if (i % ProbeEvery == 0)
            {
                probes++;
                var markersOfA = state.Resources.Values.Select(r => r.Uid).Prepend(a.Credentials.AccountId).ToList();
                foreach (var found in await b.ProbeAsync(random, markersOfA))
                {
                    failures.Add(new Failure(i, "(tenant B probe)", "", found));
                }
            }
        }

        var rowsOfA = await DatabaseRows.ReadAsync(api.ConnectionString, a.Credentials.AccountId);
        foreach (var found in StateVerifier.Compare(state, rowsOfA))
        {
            failures.Add(new Failure(settings.Iterations, "(database check of tenant A)", "", found));
        }

        CompareUnchanged(rowsOfB, await DatabaseRows.ReadAsync(api.ConnectionString, b.AccountId), failures, settings.Iterations);
        foreach (var owner in await DatabaseRows.OtherOwnersAsync(api.ConnectionString, [a.Credentials.AccountId, b.AccountId]))
        {
            failures.Add(new Failure(settings.Iterations, "(database check)", "", $"account {owner}, which sent nothing, owns resources"));
        }

        return new FuzzOutcome(settings, tally, failures, unsendable, probes, rowsOfA.Count, stopwatch.Elapsed);
    }

    private static void CompareUnchanged(List<StoredRow> before, List<StoredRow> after, FailureLog failures, int iteration)
    {
        var was = before.Select(r => r.Fingerprint).ToList();
        var now = after.Select(r => r.Fingerprint).ToList();
        foreach (var gone in was.Except(now))
        {
            failures.Add(new Failure(iteration, "(database check of tenant B)", "", $"tenant B's row changed or vanished: {gone}"));
        }

        foreach (var added in now.Except(was))
        {
            failures.Add(new Failure(iteration, "(database check of tenant B)", "", $"tenant B has a row it never wrote: {added}"));
        }
    }

    /// <summary>Sends one request; a null response with a problem is a failure, with none a request .NET would not build.</summary>
    private static async Task<(ApiResponse? Response, string? Problem)> SendAsync(AppMeshTestClient client, FuzzRequest request)
    {
        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            return (await client.SendRawAsync(request.Method, request.PathAndQuery, request.Body, timeout.Token), null);
        }
        catch (UriFormatException)
        {
            return (null, null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (null, $"no response within {RequestTimeout.TotalSeconds} s");
        }
        catch (HttpRequestException ex)
        {
            return (null, $"transport failure: {ex.Message} {ex.InnerException?.Message}");
        }
        catch (JsonException ex)
        {
            return (null, $"a response labelled application/json is not JSON: {ex.Message}");
        }
    }
}
