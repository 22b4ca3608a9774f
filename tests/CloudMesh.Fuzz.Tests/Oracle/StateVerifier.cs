using System.Text.Json.Nodes;

namespace CloudMesh.Fuzz.Tests.Oracle;

/// <summary>
/// Compares the database with the expected state after a run: the same resources, each with the version and spec the
/// successful requests imply, and every reference (route targets, service providers, gateway route targets) intact.
/// </summary>
internal static class StateVerifier
{
    private static readonly string[] RouteTypes = ["httpRoute", "http2Route", "grpcRoute", "tcpRoute"];

    public static List<string> Compare(ExpectedState expected, IReadOnlyList<StoredRow> rows)
    {
        var problems = new List<string>();
        var byKey = rows.ToDictionary(r => r.Key);
        foreach (var row in rows)
        {
            if (!expected.TryGet(row.Key, out var resource))
            {
                problems.Add($"the database holds {row.Key} (version {row.Version}), which no successful request left behind");
                continue;
            }

            if (row.Version != resource.Version)
            {
                problems.Add($"{row.Key}: version {row.Version} in the database, {resource.Version} expected from the successful updates");
            }

            if (row.Uid != resource.Uid)
            {
                problems.Add($"{row.Key}: uid {row.Uid} in the database, {resource.Uid} from its create");
            }

            if (!JsonSemantics.Equal(row.Spec, resource.Spec))
            {
                problems.Add($"{row.Key}: spec {row.Spec.ToJsonString()} in the database, last successful spec {resource.Spec.ToJsonString()}");
            }
        }

        foreach (var key in expected.Resources.Keys.Where(k => !byKey.ContainsKey(k)))
        {
            problems.Add($"{key} was created successfully (and not deleted) but is not in the database");
        }

        foreach (var row in rows)
        {
            foreach (var (kind, name) in References(row))
            {
                if (!byKey.ContainsKey(new StoredKey(kind, row.Key.Mesh, "", name)))
                {
                    problems.Add($"{row.Key} refers to {kind} '{name}', which does not exist");
                }
            }

            if (!row.Key.Kind.Equals("mesh", StringComparison.Ordinal) && !byKey.ContainsKey(new StoredKey("mesh", row.Key.Mesh, "", row.Key.Mesh)))
            {
                problems.Add($"{row.Key} is in mesh '{row.Key.Mesh}', which does not exist");
            }
        }

        return problems;
    }

    /// <summary>The resources a row's spec names, read independently of the server's own reference extraction.</summary>
    private static IEnumerable<(string Kind, string Name)> References(StoredRow row)
    {
        var spec = row.Spec;
        switch (row.Key.Kind)
        {
            case "virtualService":
                if (spec["provider"]?["virtualNode"]?["virtualNodeName"] is JsonValue node)
                {
                    yield return ("virtualNode", node.GetValue<string>());
                }

                if (spec["provider"]?["virtualRouter"]?["virtualRouterName"] is JsonValue router)
                {
                    yield return ("virtualRouter", router.GetValue<string>());
                }

                break;
            case "route":
                foreach (var type in RouteTypes)
                {
                    foreach (var target in spec[type]?["action"]?["weightedTargets"] as JsonArray ?? [])
                    {
                        yield return ("virtualNode", target!["virtualNode"]!.GetValue<string>());
                    }
                }

                yield return ("virtualRouter", row.Key.Parent);
                break;
            case "gatewayRoute":
                foreach (var type in RouteTypes)
                {
                    if (spec[type]?["action"]?["target"]?["virtualService"]?["virtualServiceName"] is JsonValue service)
                    {
                        yield return ("virtualService", service.GetValue<string>());
                    }
                }

                yield return ("virtualGateway", row.Key.Parent);
                break;
        }
    }
}
