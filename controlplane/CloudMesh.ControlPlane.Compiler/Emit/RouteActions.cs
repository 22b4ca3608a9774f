using CloudMesh.ControlPlane.Compiler.Planning;
using Envoy.Config.Route.V3;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>Planned rules as Envoy routes.</summary>
internal static class RouteActions
{
    /// <summary>The Envoy route for <paramref name="rule"/>; <paramref name="clusterName"/> registers each target's cluster and names it.</summary>
    public static Route Build(HttpRule rule, RouteMatch match, Func<ClusterTarget, string> clusterName)
    {
        var action = new RouteAction();
        if (rule.Targets.Count == 1)
        {
            action.Cluster = clusterName(rule.Targets[0].Target);
        }
        else
        {
            var weighted = new WeightedCluster();
            foreach (var target in rule.Targets)
            {
                weighted.Clusters.Add(new WeightedCluster.Types.ClusterWeight { Name = clusterName(target.Target), Weight = (uint)target.Weight });
            }

            action.WeightedClusters = weighted;
        }

        if (rule.Timeout?.PerRequestMillis is { } perRequest)
        {
            action.Timeout = Xds.Millis(perRequest);
            if (rule.Grpc)
            {
                // gRPC's xDS client takes a route's deadline from max_stream_duration, not from timeout.
                action.MaxStreamDuration = new RouteAction.Types.MaxStreamDuration { MaxStreamDuration_ = Xds.Millis(perRequest) };
            }
        }

        if (rule.Timeout?.IdleMillis is { } idle)
        {
            action.IdleTimeout = Xds.Millis(idle);
        }

        if (RetryPolicies.Build(rule.Retry) is { } retry)
        {
            action.RetryPolicy = retry;
        }

        return new Route { Name = rule.Name, Match = match, Route_ = action };
    }
}
