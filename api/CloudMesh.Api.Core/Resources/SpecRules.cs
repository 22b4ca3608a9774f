using System.Text.Json.Nodes;

namespace CloudMesh.Api.Core.Resources;

/// <summary>
/// The App Mesh rules a spec must follow beyond what the API model's shapes express (the model-driven validator
/// has already checked types, required members, ranges, enums, patterns and unions).
/// </summary>
public static class SpecRules
{
    private static readonly string[] RouteTypes = ["httpRoute", "http2Route", "grpcRoute", "tcpRoute"];
    private static readonly string[] GatewayRouteTypes = ["httpRoute", "http2Route", "grpcRoute"];

    /// <summary>Returns the violations of <paramref name="spec"/> for <paramref name="kind"/>, each naming its member path.</summary>
    public static IReadOnlyList<string> Check(ResourceKind kind, JsonObject? spec)
    {
        var errors = new List<string>();
        if (spec is null)
        {
            return errors;
        }

        if (kind == ResourceKinds.Route)
        {
            ExactlyOne(spec, RouteTypes, "a route", errors);
            CheckHttpMatches(spec, errors);
        }
        else if (kind == ResourceKinds.GatewayRoute)
        {
            ExactlyOne(spec, GatewayRouteTypes, "a gateway route", errors);
            CheckHttpMatches(spec, errors);
        }

        return errors;
    }

    private static void ExactlyOne(JsonObject spec, string[] members, string what, List<string> errors)
    {
        var present = members.Count(m => spec[m] is not null);
        if (present != 1)
        {
            errors.Add($"spec: {what} must specify exactly one of {string.Join(", ", members)} (found {present}).");
        }
    }

    private static void CheckHttpMatches(JsonObject spec, List<string> errors)
    {
        foreach (var routeType in new[] { "httpRoute", "http2Route" })
        {
            if (spec[routeType]?["match"] is not JsonObject match)
            {
                continue;
            }

            var path = $"spec.{routeType}.match";
            if (match["prefix"] is JsonValue prefix && prefix.TryGetValue<string>(out var p) && !p.StartsWith('/'))
            {
                errors.Add($"{path}.prefix: '{p}' must start with '/'.");
            }

            if (match["path"] is null && match["prefix"] is null && match["hostname"] is null)
            {
                errors.Add($"{path}: specify a prefix, a path or a hostname to match.");
            }
        }
    }
}
