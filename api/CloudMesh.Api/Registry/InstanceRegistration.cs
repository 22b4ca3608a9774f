using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudMesh.Api.Core.Errors;

namespace CloudMesh.Api.Registry;

/// <summary>
/// A validated body of <c>PUT .../instances/{instanceId}</c>. The limits follow AWS Cloud Map's
/// RegisterInstance (the API this replaces for App Mesh users): up to 30 attributes, keys up to 255
/// characters, values up to 1,024.
/// </summary>
/// <param name="Address">An IPv4 or IPv6 address (EDS endpoints are never resolved, so host names cannot be routed to).</param>
/// <param name="Port">0–65535; 0 means the virtual node's first listener port.</param>
/// <param name="Healthy">From <c>healthStatus</c> (HEALTHY, the default, or UNHEALTHY).</param>
/// <param name="Attributes">Free-form attributes.</param>
public sealed partial record InstanceRegistration(string Address, int Port, bool Healthy, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>Most attributes an instance may carry.</summary>
    public const int MaxAttributes = 30;

    private static readonly HashSet<string> Members = ["address", "port", "healthStatus", "attributes"];

    /// <summary>Checks an instance id from the path: 1–64 characters of letters, digits and <c>_ . : @ -</c>.</summary>
    public static void ValidateInstanceId(string instanceId)
    {
        if (!InstanceIdPattern().IsMatch(instanceId))
        {
            throw AppMeshException.BadRequest(
                "instanceId: must be 1 to 64 characters of letters, digits, '_', '.', ':', '@' and '-'.");
        }
    }

    /// <summary>Parses and validates a request body; every problem is a BadRequestException naming the member.</summary>
    public static InstanceRegistration Parse(byte[] body)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(body) as JsonObject ?? throw AppMeshException.BadRequest("The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw AppMeshException.BadRequest($"Malformed JSON: {ex.Message}");
        }

        foreach (var (name, _) in json)
        {
            if (!Members.Contains(name))
            {
                throw AppMeshException.BadRequest($"{name}: unknown member; expected address, port, healthStatus and attributes.");
            }
        }

        var address = json["address"] is JsonValue a && a.TryGetValue<string>(out var s) ? s
            : throw AppMeshException.BadRequest("address: required, a string holding an IPv4 or IPv6 address.");
        if (!IPAddress.TryParse(address, out var parsed) || !IsWrittenInFull(address, parsed))
        {
            throw AppMeshException.BadRequest(
                $"address: '{address}' is not an IPv4 or IPv6 address (proxies are never asked to resolve registry entries; use dns service discovery for host names).");
        }

        var port = json["port"] switch
        {
            null => 0,
            JsonValue p when p.TryGetValue<int>(out var n) && n is >= 0 and <= 65535 => n,
            _ => throw AppMeshException.BadRequest("port: must be an integer from 0 to 65535 (0: the virtual node's listener port)."),
        };

        var healthy = json["healthStatus"] switch
        {
            null => true,
            JsonValue h when h.TryGetValue<string>(out var status) && status == "HEALTHY" => true,
            JsonValue h when h.TryGetValue<string>(out var status) && status == "UNHEALTHY" => false,
            _ => throw AppMeshException.BadRequest("healthStatus: must be HEALTHY or UNHEALTHY."),
        };

        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (json["attributes"] is { } node)
        {
            if (node is not JsonObject map)
            {
                throw AppMeshException.BadRequest("attributes: must be an object of string values.");
            }

            if (map.Count > MaxAttributes)
            {
                throw AppMeshException.BadRequest($"attributes: at most {MaxAttributes} attributes are allowed.");
            }

            foreach (var (key, value) in map)
            {
                if (key.Length is 0 or > 255 || !AttributeKeyPattern().IsMatch(key))
                {
                    throw AppMeshException.BadRequest($"attributes: key '{key}' must be 1 to 255 characters of letters, digits and '/_+=.@-'.");
                }

                if (value is not JsonValue v || !v.TryGetValue<string>(out var text) || text.Length > 1024)
                {
                    throw AppMeshException.BadRequest($"attributes.{key}: must be a string of at most 1024 characters.");
                }

                attributes[key] = text;
            }
        }

        return new InstanceRegistration(address, port, healthy, attributes);
    }

    // IPAddress.TryParse also accepts shorthand such as "10.1" or "1"; only the usual written forms count.
    private static bool IsWrittenInFull(string address, IPAddress parsed) =>
        parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? address.Contains(':', StringComparison.Ordinal) && !address.Contains('%', StringComparison.Ordinal)
            : address.Count(c => c == '.') == 3 && address.All(c => c == '.' || char.IsAsciiDigit(c));

    /// <summary>Renders the port for messages.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Address}:{Port}");

    [GeneratedRegex("^[0-9A-Za-z_.:@-]{1,64}$")]
    private static partial Regex InstanceIdPattern();

    [GeneratedRegex("^[a-zA-Z0-9/_+=.@-]+$")]
    private static partial Regex AttributeKeyPattern();
}
