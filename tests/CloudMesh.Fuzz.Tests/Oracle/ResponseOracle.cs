using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.AppMesh.Model;
using CloudMesh.Fuzz.Tests.Generation;
using CloudMesh.Fuzz.Tests.Mutation;
using CloudMesh.TestSupport.ApiServer;

namespace CloudMesh.Fuzz.Tests.Oracle;

/// <summary>
/// Judges every response of tenant A: no 5xx, well-formed errors with codes the operation may return, outputs that
/// match the model, nothing of another tenant, and agreement with the expected state, which it keeps up to date.
/// </summary>
internal sealed class ResponseOracle(ExpectedState state, GenerationContext context, IReadOnlyCollection<string> foreignMarkers)
{
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 256 };

    public List<string> Check(FuzzRequest request, ApiResponse response)
    {
        var problems = new List<string>();
        var status = (int)response.Status;
        if (status >= 500)
        {
            problems.Add($"server error {status}");
        }

        if (status is < 200 or > 299)
        {
            if (IsRejectedBeforeTheApi(request, response, status))
            {
                return problems;
            }

            CheckError(request, response, status, problems);
            CheckMissedSuccess(request, status, problems);
            return problems;
        }

        if (status != request.Operation.ResponseCode)
        {
            problems.Add($"success status {status}, the model says {request.Operation.ResponseCode}");
        }

        var outputErrors = OutputValidator.ValidateBody(request.Operation, response.Body);
        if (outputErrors.Count > 0 && !request.LocationsIntact && AnsweredAsAnotherOperation(request, response))
        {
            // A broken path can match another operation's route (an empty trailing label turns Describe into List);
            // then the answer must fit that operation, and there is nothing to learn about the intended one.
            return problems;
        }

        foreach (var error in outputErrors)
        {
            problems.Add($"output does not match {request.Operation.Output?.Name}: {error}");
        }

        foreach (var marker in foreignMarkers.Where(m => response.RawBody.Contains(m, StringComparison.Ordinal)))
        {
            problems.Add($"response contains another tenant's identifier {marker}");
        }

        if (request.Mutation.StartsWith("foreign-tenant", StringComparison.Ordinal))
        {
            problems.Add("a request naming another tenant's resource or account succeeded");
        }

        if (problems.Count == 0)
        {
            Apply(request, response, problems);
        }

        return problems;
    }

    /// <summary>
    /// Kestrel refuses some request lines itself (a NUL in the path: 400; a target over its line limit: 414; headers
    /// too large: 431) before any CloudMesh code runs, with an empty body and no error code. Only requests whose path
    /// or query the fuzzer broke may get such an answer.
    /// </summary>
    private static bool IsRejectedBeforeTheApi(FuzzRequest request, ApiResponse response, int status) =>
        !request.LocationsIntact && status is 400 or 414 or 431 && response.ErrorType is null && response.RawBody.Length == 0;

    private static bool AnsweredAsAnotherOperation(FuzzRequest request, ApiResponse response) =>
        ServiceModel.AppMesh.Operations.Values.Any(o => o != request.Operation
            && o.HttpMethod == request.Operation.HttpMethod
            && OutputValidator.ValidateBody(o, response.Body).Count == 0);

    private static void CheckError(FuzzRequest request, ApiResponse response, int status, List<string> problems)
    {
        if (response.ErrorType is not { } code)
        {
            problems.Add($"error status {status} without x-amzn-ErrorType");
            return;
        }

        if (ErrorCodes.StatusFor(request.Operation, code) is not { } expected)
        {
            problems.Add($"error code {code} is not one {request.Operation.Name} may return");
        }
        else if (expected != status)
        {
            problems.Add($"error code {code} came with status {status}, the model says {expected}");
        }

        if (string.IsNullOrWhiteSpace(response.Message))
        {
            problems.Add("error response without a message");
        }
    }

    /// <summary>Valid describes must find exactly what the model holds; valid lists must find their container.</summary>
    private void CheckMissedSuccess(FuzzRequest request, int status, List<string> problems)
    {
        if (!request.IsValid || status == 429)
        {
            return;
        }

        var (verb, kind) = FuzzKind.Classify(request.Operation.Name);
        if (verb == FuzzVerb.Describe && state.TryGet(IntendedKey(kind!, request.Input), out _))
        {
            problems.Add($"describe failed with {status} although {IntendedKey(kind!, request.Input)} exists");
        }
        else if (verb == FuzzVerb.List && !kind!.IsMesh && ContainerExists(kind, request.Input))
        {
            problems.Add($"list failed with {status} although its mesh and parent exist");
        }
    }

    private void Apply(FuzzRequest request, ApiResponse response, List<string> problems)
    {
        var (verb, kind) = FuzzKind.Classify(request.Operation.Name);
        if (kind is null)
        {
            return;
        }

        if (verb == FuzzVerb.List)
        {
            CheckList(request, response, kind, problems);
            return;
        }

        var data = response.Body!.AsObject();
        var key = KeyOf(kind, data);
        if (request.IsValid && key != IntendedKey(kind, request.Input))
        {
            problems.Add($"the response is about {key}, the request about {IntendedKey(kind, request.Input)}");
        }

        var version = data["metadata"]!["version"]!.GetValue<long>();
        var uid = data["metadata"]!["uid"]!.GetValue<string>();
        switch (verb)
        {
            case FuzzVerb.Create or FuzzVerb.Update:
                if (SentSpec(request, problems) is not { } spec)
                {
                    return;
                }

                Add(problems, verb == FuzzVerb.Create ? state.Created(key, spec, uid) : state.Updated(key, spec));
                if (!JsonSemantics.Equal(spec, data["spec"]))
                {
                    problems.Add($"the response's spec {data["spec"]?.ToJsonString()} is not the spec sent {spec.ToJsonString()}");
                }

                if (state.TryGet(key, out var written) && written.Version != version)
                {
                    problems.Add($"version {version} after {verb}, expected {written.Version}");
                }

                break;
            case FuzzVerb.Delete:
                Add(problems, state.Deleted(key));
                break;
            case FuzzVerb.Describe:
                if (!state.TryGet(key, out var expected))
                {
                    problems.Add($"describe found {key}, which should not exist");
                }
                else if (expected.Version != version || expected.Uid != uid || !JsonSemantics.Equal(expected.Spec, data["spec"]))
                {
                    problems.Add($"describe of {key} returned version {version} uid {uid} spec {data["spec"]?.ToJsonString()}, expected version {expected.Version} uid {expected.Uid} spec {expected.Spec.ToJsonString()}");
                }

                break;
        }
    }

    private void CheckList(FuzzRequest request, ApiResponse response, FuzzKind kind, List<string> problems)
    {
        var items = response.Body![kind.ListMember]!.AsArray();
        foreach (var item in items)
        {
            var arn = item!["arn"]!.GetValue<string>();
            if (!arn.Contains($":{context.AccountId}:", StringComparison.Ordinal))
            {
                problems.Add($"listed {arn}, which is not the caller's");
            }
        }

        if (!request.IsValid)
        {
            return;
        }

        var nextToken = response.Body["nextToken"]?.GetValue<string>();
        if (nextToken is not null)
        {
            context.RememberNextToken(request.Operation.Name, ValidInputGenerator.ContainerOf(request.Input), nextToken);
        }

        if (request.Input["nextToken"] is not null)
        {
            return;
        }

        var mesh = request.Input["meshName"]?.GetValue<string>() ?? "";
        var parent = kind.Parent is { } p ? request.Input[p.NameMember]!.GetValue<string>() : "";
        var expected = state.NamesIn(kind.Name, mesh, parent).ToHashSet(StringComparer.Ordinal);
        var listed = items.Select(i => i![kind.IsMesh ? "meshName" : kind.NameMember]!.GetValue<string>()).ToList();
        var unexpected = listed.Where(n => !expected.Contains(n)).ToList();
        if (unexpected.Count > 0 || (nextToken is null && listed.Count != expected.Count))
        {
            problems.Add($"listed [{string.Join(", ", listed)}], expected [{string.Join(", ", expected.Order(StringComparer.Ordinal))}]");
        }
    }

    private bool ContainerExists(FuzzKind kind, JsonObject input)
    {
        var mesh = input["meshName"]!.GetValue<string>();
        if (!state.TryGet(new StoredKey("mesh", mesh, "", mesh), out _))
        {
            return false;
        }

        return kind.Parent is not { } parent
            || state.TryGet(new StoredKey(parent.Name, mesh, "", input[parent.NameMember]!.GetValue<string>()), out _);
    }

    /// <summary>The spec the request carried ({} when none), or null (with a problem) when a successful body makes no sense.</summary>
    private static JsonObject? SentSpec(FuzzRequest request, List<string> problems)
    {
        JsonNode? body;
        try
        {
            body = string.IsNullOrWhiteSpace(request.Body) ? new JsonObject() : JsonNode.Parse(request.Body, documentOptions: StrictJson);
        }
        catch (JsonException ex)
        {
            problems.Add($"a write succeeded with a body that is not JSON ({ex.Message})");
            return null;
        }

        switch (body?["spec"])
        {
            case null:
                return new JsonObject();
            case JsonObject spec:
                return spec.DeepClone().AsObject();
            default:
                problems.Add("a write succeeded with a spec that is not an object");
                return null;
        }
    }

    /// <summary>The resource a response describes, from its names.</summary>
    public static StoredKey KeyOf(FuzzKind kind, JsonObject data)
    {
        var mesh = data["meshName"]!.GetValue<string>();
        var parent = kind.Parent is { } p ? data[p.NameMember]!.GetValue<string>() : "";
        return new StoredKey(kind.Name, mesh, parent, kind.IsMesh ? mesh : data[kind.NameMember]!.GetValue<string>());
    }

    /// <summary>The resource a valid input names.</summary>
    public static StoredKey IntendedKey(FuzzKind kind, JsonObject input)
    {
        var mesh = input["meshName"]!.GetValue<string>();
        var parent = kind.Parent is { } p ? input[p.NameMember]!.GetValue<string>() : "";
        return new StoredKey(kind.Name, mesh, parent, kind.IsMesh ? mesh : input[kind.NameMember]!.GetValue<string>());
    }

    private static void Add(List<string> problems, string? problem)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }
    }
}
