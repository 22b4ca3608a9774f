namespace CloudMesh.Fuzz.Tests.Generation;

/// <summary>
/// The seven App Mesh resource kinds as the fuzzer sees them: the names the wire format and the <c>resources</c> table
/// use. Written out here (not borrowed from the server) so the oracle does not share the server's mistakes.
/// </summary>
internal sealed record FuzzKind(string Name, string TypeName, string PluralTypeName, string NameMember, FuzzKind? Parent)
{
    public static readonly FuzzKind Mesh = new("mesh", "Mesh", "Meshes", "meshName", null);
    public static readonly FuzzKind VirtualNode = new("virtualNode", "VirtualNode", "VirtualNodes", "virtualNodeName", null);
    public static readonly FuzzKind VirtualService = new("virtualService", "VirtualService", "VirtualServices", "virtualServiceName", null);
    public static readonly FuzzKind VirtualRouter = new("virtualRouter", "VirtualRouter", "VirtualRouters", "virtualRouterName", null);
    public static readonly FuzzKind Route = new("route", "Route", "Routes", "routeName", VirtualRouter);
    public static readonly FuzzKind VirtualGateway = new("virtualGateway", "VirtualGateway", "VirtualGateways", "virtualGatewayName", null);
    public static readonly FuzzKind GatewayRoute = new("gatewayRoute", "GatewayRoute", "GatewayRoutes", "gatewayRouteName", VirtualGateway);

    /// <summary>Parents before children, so creating in this order can succeed.</summary>
    public static readonly IReadOnlyList<FuzzKind> All = [Mesh, VirtualNode, VirtualRouter, Route, VirtualService, VirtualGateway, GatewayRoute];

    public bool IsMesh => Name == "mesh";

    /// <summary>The List operation's output member (<c>virtualNodes</c>).</summary>
    public string ListMember => char.ToLowerInvariant(PluralTypeName[0]) + PluralTypeName[1..];

    public static FuzzKind ByName(string name) => All.Single(k => k.Name == name);

    /// <summary>Splits an operation name into its verb and kind (<c>ListRoutes</c> → List, route).</summary>
    public static (FuzzVerb Verb, FuzzKind? Kind) Classify(string operationName)
    {
        if (Enum.TryParse<FuzzVerb>(operationName, out var tagVerb) && tagVerb >= FuzzVerb.TagResource)
        {
            return (tagVerb, null);
        }

        foreach (var verb in new[] { FuzzVerb.Create, FuzzVerb.Describe, FuzzVerb.Update, FuzzVerb.Delete, FuzzVerb.List })
        {
            var prefix = verb.ToString();
            if (!operationName.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = operationName[prefix.Length..];
            var kind = All.FirstOrDefault(k => k.TypeName == rest || k.PluralTypeName == rest);
            if (kind is not null)
            {
                return (verb, kind);
            }
        }

        throw new InvalidOperationException($"The fuzzer does not know operation '{operationName}'.");
    }
}
