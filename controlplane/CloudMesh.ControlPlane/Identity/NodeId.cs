using CloudMesh.ControlPlane.Model;

namespace CloudMesh.ControlPlane.Identity;

/// <summary>
/// A proxy's xDS node id, parsed: the resource ARN
/// (<c>arn:aws:appmesh:&lt;region&gt;:&lt;account&gt;:mesh/&lt;mesh&gt;/virtualNode/&lt;name&gt;</c>, or
/// <c>.../virtualGateway/&lt;name&gt;</c>) as App Mesh's Envoy sends from <c>APPMESH_RESOURCE_ARN</c>, or the legacy
/// <c>mesh/&lt;mesh&gt;/virtualNode/&lt;name&gt;</c> form that names no account.
/// </summary>
/// <param name="Region">The ARN's region; null for the legacy form.</param>
/// <param name="AccountId">The ARN's account; null for the legacy form (the authenticated tenant is used).</param>
/// <param name="MeshName">The mesh.</param>
/// <param name="Kind">Virtual node or virtual gateway.</param>
/// <param name="Name">The virtual node's or gateway's name.</param>
public sealed record NodeId(string? Region, string? AccountId, string MeshName, ProxyKind Kind, string Name)
{
    private const string ArnPrefix = "arn:aws:appmesh:";
    private const int MaxNameLength = 255;

    /// <summary>Parses <paramref name="nodeId"/>; on failure <paramref name="error"/> says what a valid id looks like.</summary>
    public static bool TryParse(string? nodeId, out NodeId? parsed, out string error)
    {
        parsed = null;
        if (string.IsNullOrEmpty(nodeId))
        {
            error = "The first request of an xDS stream must carry node.id: the App Mesh resource ARN of the virtual node or " +
                "virtual gateway (APPMESH_RESOURCE_ARN), or mesh/<mesh>/virtualNode/<name>.";
            return false;
        }

        string? region = null;
        string? account = null;
        string path = nodeId;
        if (nodeId.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (!nodeId.StartsWith(ArnPrefix, StringComparison.Ordinal))
            {
                error = $"node.id '{nodeId}' is not an App Mesh ARN (expected it to start with '{ArnPrefix}').";
                return false;
            }

            string[] parts = nodeId[ArnPrefix.Length..].Split(':', 3);
            if (parts.Length != 3 || parts[0].Length == 0 || !IsAccountId(parts[1]))
            {
                error = $"node.id '{nodeId}' is not a valid ARN: expected {ArnPrefix}<region>:<12-digit account>:mesh/<mesh>/virtualNode/<name>.";
                return false;
            }

            (region, account, path) = (parts[0], parts[1], parts[2]);
        }

        string[] segments = path.Split('/');
        if (segments.Length != 4 || segments[0] != "mesh" || !IsName(segments[1]) || !IsName(segments[3]))
        {
            error = $"node.id '{nodeId}' does not name a virtual node or virtual gateway: expected " +
                "mesh/<mesh>/virtualNode/<name> or mesh/<mesh>/virtualGateway/<name> (optionally as a full App Mesh ARN).";
            return false;
        }

        ProxyKind? kind = segments[2] switch
        {
            "virtualNode" => ProxyKind.VirtualNode,
            "virtualGateway" => ProxyKind.VirtualGateway,
            _ => null,
        };
        if (kind is null)
        {
            error = $"node.id '{nodeId}' names a '{segments[2]}'; only virtualNode and virtualGateway proxies connect to the control plane.";
            return false;
        }

        parsed = new NodeId(region, account, segments[1], kind.Value, segments[3]);
        error = "";
        return true;
    }

    /// <summary>The identity this node id stands for within the tenant <paramref name="accountId"/>.</summary>
    public ProxyIdentity ToIdentity(string accountId) => new(accountId, MeshName, Kind, Name);

    private static bool IsName(string value) => value.Length is > 0 and <= MaxNameLength;

    private static bool IsAccountId(string value) => value.Length == 12 && value.All(char.IsAsciiDigit);
}
