namespace CloudMesh.Fuzz.Tests.Generation;

/// <summary>What generated requests may refer to besides names: the tenant, ARNs, and list tokens the server issued.</summary>
internal sealed class GenerationContext(string accountId, string region = "us-east-1")
{
    private readonly Dictionary<string, string> _nextTokens = new(StringComparer.Ordinal);
    private int _clientTokens;

    /// <summary>The account the requests are signed for.</summary>
    public string AccountId => accountId;

    /// <summary>A prefix that keeps client tokens of separate runs apart.</summary>
    public string ClientTokenPrefix { get; init; } = "fz";

    /// <summary>A fresh client token: never reused, so no request replays an earlier response (the model could not tell).</summary>
    public string NewClientToken() => $"{ClientTokenPrefix}-{++_clientTokens}";

    /// <summary>ARNs of resources the pools can name (whether or not they exist right now).</summary>
    public IReadOnlyList<string> Arns { get; } = BuildArns(accountId, region);

    /// <summary>Remembers a continuation token a List operation returned for a container.</summary>
    public void RememberNextToken(string operation, string container, string token) => _nextTokens[operation + "|" + container] = token;

    /// <summary>A continuation token issued for this listing, if any.</summary>
    public string? NextTokenFor(string operation, string container) => _nextTokens.GetValueOrDefault(operation + "|" + container);

    private static List<string> BuildArns(string accountId, string region)
    {
        var arns = new List<string>();
        foreach (var mesh in NamePools.Meshes)
        {
            var prefix = $"arn:aws:appmesh:{region}:{accountId}:mesh/{mesh}";
            arns.Add(prefix);
            foreach (var name in NamePools.Resources)
            {
                foreach (var kind in FuzzKind.All.Where(k => !k.IsMesh))
                {
                    arns.Add(kind.Parent is { } parent
                        ? $"{prefix}/{parent.Name}/{NamePools.Resources[0]}/{kind.Name}/{name}"
                        : $"{prefix}/{kind.Name}/{name}");
                }
            }
        }

        return arns;
    }
}
