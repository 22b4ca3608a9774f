using System.Text;
using CloudMesh.AppMesh.Model;
using CloudMesh.Fuzz.Tests.Generation;
using CloudMesh.Fuzz.Tests.Mutation;
using CloudMesh.Fuzz.Tests.Oracle;

namespace CloudMesh.Fuzz.Tests;

/// <summary>The fuzzer's own parts, checked offline against the model: valid means valid, broken means broken.</summary>
public sealed class GeneratorTests
{
    private const string Account = "111122223333";

    public static TheoryData<string> Operations => new(ServiceModel.AppMesh.Operations.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Operations))]
    public void Generated_inputs_bind_and_validate_as_sent(string operationName)
    {
        var operation = ServiceModel.AppMesh.Operations[operationName];
        for (var seed = 0; seed < 40; seed++)
        {
            var generator = new ValidInputGenerator(new Random(seed), new GenerationContext(Account));
            var input = generator.Generate(operation);
            var request = EncodedRequest.From(operation, input).Render("valid", input, true);

            var bound = Bind(request);

            Assert.True(bound.Succeeded, $"seed {seed}: {request.Describe()}: {bound.ErrorMessage}");
            Assert.True(JsonSemantics.Equal(input, bound.Input), $"seed {seed}: sent {input.ToJsonString()}, bound {bound.Input.ToJsonString()}");
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Unknown_members_and_duplicate_keys_are_always_rejected(string operationName)
    {
        var operation = ServiceModel.AppMesh.Operations[operationName];
        foreach (var kind in new[] { MutationKind.AddUnknown, MutationKind.DuplicateKey })
        {
            for (var seed = 0; seed < 20; seed++)
            {
                var random = new Random(seed);
                var generator = new ValidInputGenerator(random, new GenerationContext(Account));
                var request = new Mutator(random, generator, "444455556666").Mutate(operation, generator.Generate(operation), kind);

                Assert.False(Bind(request).Succeeded, $"seed {seed}: {request.Describe()} was accepted");
            }
        }
    }

    [Fact]
    public void The_same_seed_generates_the_same_requests()
    {
        Assert.Equal(Sequence(7), Sequence(7));
        Assert.NotEqual(Sequence(7), Sequence(8));
    }

    [Fact]
    public void Huge_string_bodies_straddle_the_size_limit()
    {
        var operation = ServiceModel.AppMesh.Operations["CreateVirtualNode"];
        var sizes = new HashSet<int>();
        for (var seed = 0; seed < 60; seed++)
        {
            var random = new Random(seed);
            var generator = new ValidInputGenerator(random, new GenerationContext(Account));
            var request = new Mutator(random, generator, "444455556666").Mutate(operation, generator.Generate(operation), MutationKind.HugeString);
            sizes.Add(Encoding.UTF8.GetByteCount(request.Body!));
        }

        Assert.Contains(Mutator.MaxBodyBytes, sizes);
        Assert.Contains(Mutator.MaxBodyBytes + 1, sizes);
    }

    private static List<string> Sequence(int seed)
    {
        var random = new Random(seed);
        var generator = new ValidInputGenerator(random, new GenerationContext(Account));
        var mutator = new Mutator(random, generator, "444455556666");
        var operations = ServiceModel.AppMesh.Operations.Values.OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
        return Enumerable.Range(0, 200).Select(_ =>
        {
            var operation = random.Pick(operations);
            return mutator.Mutate(operation, generator.Generate(operation)).Describe();
        }).ToList();
    }

    /// <summary>Binds a request the way the server's edge does, from the fuzzer's own view of labels and query.</summary>
    private static BindResult Bind(FuzzRequest request)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = new List<KeyValuePair<string, string>>();
        foreach (var member in request.Operation.Input.Members)
        {
            if (request.Input[member.Name] is not { } value)
            {
                continue;
            }

            if (member.Location == "uri")
            {
                labels[member.LocationName] = value.ToString();
            }
            else if (member.Location == "querystring")
            {
                query.Add(KeyValuePair.Create(member.LocationName, value.ToString()));
            }
        }

        return RequestBinder.Bind(request.Operation, labels, query, _ => null, Encoding.UTF8.GetBytes(request.Body ?? ""));
    }
}
