using System.Text.Json.Nodes;
using Amazon.Runtime;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Kubernetes.Client;
using CloudMesh.Manifests;
using CloudMesh.Manifests.Kubernetes;

namespace CloudMesh.Kubernetes.Controller;

/// <summary>Reconciling one object: finalizers, membership, translation, dependency waits, the App Mesh calls, status.</summary>
public sealed partial class AppMeshController
{
    /// <summary>Condition reasons the controller writes when an object is not active.</summary>
    public static class Reasons
    {
        /// <summary>No mesh (or virtual gateway) selects the object's namespace, or several do.</summary>
        public const string MembershipNotResolved = "MembershipNotResolved";

        /// <summary>An object it refers to does not exist (yet).</summary>
        public const string DependencyNotFound = "DependencyNotFound";

        /// <summary>An object it refers to exists but is not active (yet).</summary>
        public const string DependencyNotActive = "DependencyNotActive";

        /// <summary>The spec cannot be translated or fails the App Mesh API's validation.</summary>
        public const string InvalidSpec = "InvalidSpec";

        /// <summary>CloudMesh has the resource but does not report it ACTIVE.</summary>
        public const string NotActive = "NotActive";

        /// <summary>A Mesh being deleted waits for the objects that belong to it.</summary>
        public const string MeshMembersExist = "MeshMembersExist";
    }

    private async Task<Outcome> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var kind = key.Kind;
        if (_informers[kind].Get(key.Key) is not { } obj)
        {
            return Outcome.Success; // deleted: the finalizer already cleaned up
        }

        if (KubernetesObjects.IsBeingDeleted(obj))
        {
            return await FinalizeAsync(kind, obj, ct);
        }

        var finalizers = KubernetesObjects.Finalizers(obj);
        if (kind.Finalizers.Except(finalizers).Any())
        {
            obj = await SetFinalizersAsync(kind, obj, [.. finalizers, .. kind.Finalizers.Except(finalizers)], ct);
        }

        var (target, membershipError) = WithMembership(kind, obj);
        if (membershipError is not null)
        {
            return await NotActiveAsync(kind, obj, Reasons.MembershipNotResolved, membershipError, ct);
        }

        var translation = ClusterTranslator.Translate(target, ReferableBy(kind));
        if (translation.Missing.Count > 0)
        {
            return await NotActiveAsync(kind, obj, Reasons.DependencyNotFound, $"waiting for {string.Join(", ", translation.Missing)} to exist", ct);
        }

        if (translation.Errors.Count > 0)
        {
            return await NotActiveAsync(kind, obj, Reasons.InvalidSpec, string.Join("; ", translation.Errors.Select(e => e.Message)), ct);
        }

        if (InactiveDependency(kind, translation) is { } waitingFor)
        {
            return await NotActiveAsync(kind, obj, Reasons.DependencyNotActive, $"waiting for {waitingFor} to become active", ct);
        }

        string? arn = null;
        var routeArns = new JsonObject();
        var active = true;
        try
        {
            foreach (var resource in translation.Resources)
            {
                var data = await ApplyAsync(kind, obj, resource, ct);
                var resourceArn = KubernetesObjects.String(data["metadata"]?["arn"]);
                if (resource.Id.Kind == ResourceKinds.Route)
                {
                    routeArns[resource.Id.Name] = resourceArn;
                }
                else
                {
                    arn = resourceArn;
                }

                active &= KubernetesObjects.String(data["status"]?["status"]) == "ACTIVE";
            }

            if (kind == AppMeshCustomResource.VirtualRouter)
            {
                await DeleteRemovedRoutesAsync(kind, obj, translation.Resources, ct);
            }

            // A new awsName (or mesh) is a new App Mesh resource: the one the status still names is left over.
            if (KubernetesObjects.String(obj["status"]?[kind.ArnStatusMember]) is { } previous && arn is not null && previous != arn)
            {
                await DeleteFromAppMeshAsync(kind, obj, ct);
            }
        }
        catch (AmazonServiceException e)
        {
            return await NotActiveAsync(kind, obj, e.ErrorCode ?? "AppMeshError", e.Message, ct);
        }

        await WriteStatusAsync(kind, obj, status =>
        {
            status[kind.ArnStatusMember] = arn;
            if (kind == AppMeshCustomResource.VirtualRouter)
            {
                status["routeARNs"] = routeArns;
            }
        }, active, active ? null : Reasons.NotActive, active ? null : "CloudMesh does not report the resource ACTIVE", observed: true, ct);
        return active ? Outcome.Success : Outcome.Retry(Reasons.NotActive, "not ACTIVE in CloudMesh");
    }

    /// <summary>
    /// The first object this one needs active before App Mesh will take it: its mesh, a service's provider, a route's
    /// targets, a gateway route's gateway and target. A virtual node's backends are exempt: services and nodes refer
    /// to each other in cycles (App Mesh accepts a backend that does not exist yet).
    /// </summary>
    private string? InactiveDependency(AppMeshCustomResource kind, ClusterTranslation translation)
    {
        foreach (var dependency in translation.Dependencies)
        {
            if (kind == AppMeshCustomResource.VirtualNode && dependency.Member == "virtualServiceRef")
            {
                continue;
            }

            var dependencyKind = AppMeshCustomResource.Find(dependency.Kind)!;
            var key = dependencyKind.Type.Namespaced ? $"{dependency.Namespace}/{dependency.Name}" : dependency.Name;
            var found = _informers[dependencyKind].Get(key);
            if (found is null || KubernetesObjects.IsBeingDeleted(found) || !KubernetesObjects.IsConditionTrue(found, dependencyKind.ConditionType))
            {
                return $"{dependency.Kind} {key}";
            }
        }

        return null;
    }

    /// <summary>Creates the resource, or updates it when its spec differs; returns its data document.</summary>
    private async Task<JsonObject> ApplyAsync(AppMeshCustomResource kind, JsonObject obj, DesiredResource resource, CancellationToken ct)
    {
        JsonObject current;
        try
        {
            current = await _appMesh.DescribeAsync(resource.Id, ct);
        }
        catch (AmazonServiceException e) when (e.ErrorCode == "NotFoundException")
        {
            Log.Applied(_logger, Describe(kind, obj), "creating", resource.Id.Describe());
            return await _appMesh.CreateAsync(resource.Id, resource.Spec, null, ct);
        }

        if (JsonNode.DeepEquals(current["spec"], resource.Spec))
        {
            return current;
        }

        Log.Applied(_logger, Describe(kind, obj), "updating", resource.Id.Describe());
        return await _appMesh.UpdateAsync(resource.Id, resource.Spec, ct);
    }

    /// <summary>Deletes the routes of a router that its <c>spec.routes</c> no longer lists.</summary>
    private async Task DeleteRemovedRoutesAsync(AppMeshCustomResource kind, JsonObject obj, IReadOnlyList<DesiredResource> resources, CancellationToken ct)
    {
        var router = resources.First(r => r.Id.Kind == ResourceKinds.VirtualRouter).Id;
        var desired = resources.Where(r => r.Id.Kind == ResourceKinds.Route).Select(r => r.Id.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var route in await _appMesh.ListAsync(ResourceKinds.Route, router.MeshName, router.Name, ct))
        {
            var name = KubernetesObjects.String(route["routeName"]) ?? "";
            if (!desired.Contains(name))
            {
                var id = new ResourceKey(ResourceKinds.Route, router.MeshName, router.Name, name);
                Log.Applied(_logger, Describe(kind, obj), "deleting", id.Describe());
                await DeleteIgnoringNotFoundAsync(id, ct);
            }
        }
    }

    /// <summary>
    /// A copy of <paramref name="obj"/> with the memberships the App Mesh controller's webhooks designate: a missing
    /// <c>spec.meshRef</c> from the one Mesh whose namespaceSelector selects the object's namespace, and a gateway
    /// route's missing <c>spec.virtualGatewayRef</c> from the one VirtualGateway whose namespaceSelector selects its
    /// namespace and whose gatewayRouteSelector (when set) selects its labels.
    /// </summary>
    private (JsonObject Target, string? Error) WithMembership(AppMeshCustomResource kind, JsonObject obj)
    {
        var target = (JsonObject)obj.DeepClone();
        if (target["spec"] is not JsonObject spec)
        {
            spec = new JsonObject();
            target["spec"] = spec;
        }

        var ns = KubernetesObjects.Namespace(obj) ?? "";
        if (kind != AppMeshCustomResource.Mesh && spec["meshRef"] is null)
        {
            var (meshRef, error) = Membership.MeshRef(this, ns);
            if (meshRef is null)
            {
                return (target, error);
            }

            spec["meshRef"] = meshRef;
        }

        if (kind == AppMeshCustomResource.GatewayRoute && spec["virtualGatewayRef"] is null)
        {
            var (gatewayRef, error) = Membership.VirtualGatewayRef(this, obj, ns);
            if (gatewayRef is null)
            {
                return (target, error);
            }

            spec["virtualGatewayRef"] = gatewayRef;
        }

        return (target, null);
    }

    /// <summary>A namespace's labels, with the <c>kubernetes.io/metadata.name</c> label the API server always sets.</summary>
    private Dictionary<string, string> LabelsOfNamespace(string ns)
    {
        var labels = _namespaces.Get(ns) is { } found
            ? new Dictionary<string, string>(KubernetesObjects.Labels(found), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        labels["kubernetes.io/metadata.name"] = ns;
        return labels;
    }

    /// <summary>The mesh (its metadata.name) an object belongs to: spec.meshRef, else the one selecting its namespace.</summary>
    private string? MeshOf(JsonObject obj) =>
        KubernetesObjects.String(obj["spec"]?["meshRef"]?["name"])
        ?? (Membership.MeshesSelecting(this, KubernetesObjects.Namespace(obj) ?? "") is [var only] ? KubernetesObjects.Name(only) : null);

    /// <summary>
    /// The cached objects an object of <paramref name="kind"/> can refer to (the translator reads each one it is given,
    /// so passing only these keeps a reconcile proportional to what it may need).
    /// </summary>
    private IEnumerable<JsonObject> ReferableBy(AppMeshCustomResource kind)
    {
        AppMeshCustomResource[] kinds = kind switch
        {
            _ when kind == AppMeshCustomResource.VirtualNode => [AppMeshCustomResource.Mesh, AppMeshCustomResource.VirtualService],
            _ when kind == AppMeshCustomResource.VirtualService => [AppMeshCustomResource.Mesh, AppMeshCustomResource.VirtualNode, AppMeshCustomResource.VirtualRouter],
            _ when kind == AppMeshCustomResource.VirtualRouter => [AppMeshCustomResource.Mesh, AppMeshCustomResource.VirtualNode],
            _ when kind == AppMeshCustomResource.GatewayRoute => [AppMeshCustomResource.Mesh, AppMeshCustomResource.VirtualGateway, AppMeshCustomResource.VirtualService],
            _ => [AppMeshCustomResource.Mesh],
        };
        return kinds.SelectMany(k => _informers[k].Items);
    }

    private static string Describe(AppMeshCustomResource kind, JsonObject obj) => $"{kind.Type.Kind} {KubernetesObjects.Key(obj)}";
}
