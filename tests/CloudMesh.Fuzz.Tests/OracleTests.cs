using System.Net;
using System.Text.Json.Nodes;
using CloudMesh.AppMesh.Model;
using CloudMesh.Fuzz.Tests.Generation;
using CloudMesh.Fuzz.Tests.Mutation;
using CloudMesh.Fuzz.Tests.Oracle;
using CloudMesh.TestSupport.ApiServer;

namespace CloudMesh.Fuzz.Tests;

/// <summary>The oracle's verdicts on made-up responses and rows: every promise it checks, it can also see broken.</summary>
public sealed class OracleTests
{
    private const string Account = "111122223333";
    private const string Other = "444455556666";

    [Fact]
    public void Server_errors_missing_codes_and_foreign_codes_are_caught()
    {
        var request = ValidRequest("DescribeMesh", new JsonObject { ["meshName"] = "fz-a" });

        Assert.Contains(Oracle().Check(request, Error(500, "InternalServerErrorException")), p => p.Contains("server error", StringComparison.Ordinal));
        Assert.Contains(Oracle().Check(request, Error(404, null)), p => p.Contains("without x-amzn-ErrorType", StringComparison.Ordinal));
        Assert.Contains(Oracle().Check(request, Error(409, "ConflictException")), p => p.Contains("not one DescribeMesh may return", StringComparison.Ordinal));
        Assert.Contains(Oracle().Check(request, Error(400, "NotFoundException")), p => p.Contains("the model says 404", StringComparison.Ordinal));
        Assert.Empty(Oracle().Check(request, Error(404, "NotFoundException")));
    }

    [Fact]
    public void Successes_are_checked_against_the_model_and_the_expected_state()
    {
        var state = new ExpectedState();
        var oracle = Oracle(state);
        var create = ValidRequest("CreateMesh", new JsonObject { ["meshName"] = "fz-a", ["spec"] = new JsonObject() });

        Assert.Empty(oracle.Check(create, Success(MeshData(version: 1, Account))));
        Assert.Contains(oracle.Check(create, Success(MeshData(version: 1, Account))), p => p.Contains("already existed", StringComparison.Ordinal));

        var describe = ValidRequest("DescribeMesh", new JsonObject { ["meshName"] = "fz-a" });
        Assert.Contains(oracle.Check(describe, Success(MeshData(version: 2, Account))), p => p.Contains("expected version 1", StringComparison.Ordinal));
        Assert.Contains(oracle.Check(describe, Success(MeshData(version: 1, Other))), p => p.Contains("another tenant", StringComparison.Ordinal));

        var broken = MeshData(version: 1, Account);
        broken.Remove("status");
        Assert.Contains(oracle.Check(describe, Success(broken)), p => p.Contains("does not match", StringComparison.Ordinal));
    }

    [Fact]
    public void The_database_must_match_the_expected_state_row_for_row()
    {
        var state = new ExpectedState();
        state.Created(new StoredKey("mesh", "m", "", "m"), new JsonObject(), "u1");
        state.Created(new StoredKey("route", "m", "r", "x"), Spec("""{"httpRoute":{"action":{"weightedTargets":[{"virtualNode":"gone","weight":1}]}}}"""), "u2");
        state.Updated(new StoredKey("route", "m", "r", "x"), Spec("""{"httpRoute":{"action":{"weightedTargets":[{"virtualNode":"gone","weight":1}]}}}"""));
        state.Created(new StoredKey("virtualNode", "m", "", "lost"), new JsonObject(), "u3");

        var problems = StateVerifier.Compare(state,
        [
            new StoredRow(new StoredKey("mesh", "m", "", "m"), Spec("""{"egressFilter":{"type":"ALLOW_ALL"}}"""), "[]", [], 1, "u1", ""),
            new StoredRow(new StoredKey("route", "m", "r", "x"), Spec("""{"httpRoute":{"action":{"weightedTargets":[{"virtualNode":"gone","weight":1.0}]}}}"""), "[]", [], 1, "u2", ""),
            new StoredRow(new StoredKey("virtualRouter", "m", "", "stray"), new JsonObject(), "[]", [], 1, "u4", ""),
        ]);

        Assert.Contains(problems, p => p.Contains("mesh m/m: spec", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("version 1 in the database, 2 expected", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("virtualNode 'gone'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("virtualRouter 'r'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("virtualRouter m/stray", StringComparison.Ordinal) && p.Contains("no successful request", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("virtualNode m/lost was created", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("route m/r/x: spec", StringComparison.Ordinal));
    }

    private static ResponseOracle Oracle(ExpectedState? state = null) =>
        new(state ?? new ExpectedState(), new GenerationContext(Account), [Other]);

    private static FuzzRequest ValidRequest(string operation, JsonObject input) =>
        EncodedRequest.From(ServiceModel.AppMesh.Operations[operation], input).Render("valid", input, true);

    private static ApiResponse Error(int status, string? code) =>
        new((HttpStatusCode)status, code, new JsonObject { ["message"] = "m" }, """{"message":"m"}""");

    private static ApiResponse Success(JsonObject body) => new(HttpStatusCode.OK, null, body, body.ToJsonString());

    private static JsonObject Spec(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonObject MeshData(long version, string account) => new()
    {
        ["meshName"] = "fz-a",
        ["metadata"] = new JsonObject
        {
            ["arn"] = $"arn:aws:appmesh:us-east-1:{account}:mesh/fz-a", ["createdAt"] = 1, ["lastUpdatedAt"] = 1,
            ["meshOwner"] = account, ["resourceOwner"] = account, ["uid"] = "u", ["version"] = version,
        },
        ["spec"] = new JsonObject(),
        ["status"] = new JsonObject { ["status"] = "ACTIVE" },
    };
}
