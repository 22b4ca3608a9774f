using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Manifests.Kubernetes;

/// <summary>
/// Resolves the references between custom resources the way the controller does, but against the objects in the
/// input instead of the cluster: <c>*Ref</c> (name, optional namespace defaulting to the referrer's) to the
/// referenced object's App Mesh name, <c>*ARN</c> to the ARN's last segment (<c>pkg/conversions/arns_conversion.go</c>).
/// The objects are a load's input for the CLI, or the cluster's cached objects for the controller (<see cref="ClusterTranslator"/>),
/// which also needs to know what each reference resolved to (<see cref="Resolved"/>) and what is missing (<see cref="Missing"/>).
/// </summary>
internal sealed class KubernetesReferenceResolver
{
    private readonly ManifestReader _reader;
    private readonly Dictionary<(ResourceKind Kind, string Namespace, string Name), KubernetesObject> _objects = [];
    private readonly List<KubernetesObject> _meshes = [];
    private readonly List<KubernetesObject> _gateways = [];
    private readonly string _scope;

    /// <param name="objects">The objects references may name.</param>
    /// <param name="reader">Records errors.</param>
    /// <param name="scope">How messages name where the objects come from: "the input" or "the cluster".</param>
    internal KubernetesReferenceResolver(IEnumerable<KubernetesObject> objects, ManifestReader reader, string scope = "the input")
    {
        _reader = reader;
        _scope = scope;
        foreach (var obj in objects)
        {
            // Meshes are cluster-scoped: their namespace plays no part in references to them.
            var ns = obj.Kind.IsMesh ? "" : obj.Namespace;
            _objects.TryAdd((obj.Kind, ns, obj.Name), obj);
            if (obj.Kind.IsMesh)
            {
                _meshes.Add(obj);
            }
            else if (obj.Kind == ResourceKinds.VirtualGateway)
            {
                _gateways.Add(obj);
            }
        }
    }

    /// <summary>The objects references resolved to, with the member that named each (<c>meshRef</c>, <c>virtualNodeRef</c>...).</summary>
    internal List<(KubernetesObject Target, string Member)> Resolved { get; } = [];

    /// <summary>References to objects that do not exist (yet): <c>VirtualNode ns/name</c>.</summary>
    internal List<string> Missing { get; } = [];

    /// <summary>
    /// The App Mesh name of the mesh <paramref name="obj"/> belongs to: its <c>spec.meshRef</c>, else the only Mesh
    /// in the input (the controller picks it by namespace selector, which a file cannot express).
    /// </summary>
    internal string? MeshOf(KubernetesObject obj)
    {
        if (obj.Kind.IsMesh)
        {
            return obj.AwsName;
        }

        var what = obj.Describe();
        if (_reader.OptionalMapping(obj.Spec, "meshRef", what, obj.SpecLocation) is { } meshRef)
        {
            var location = _reader.Locate(obj.Spec, "meshRef", obj.SpecLocation);
            if (_reader.RequiredString(meshRef, "name", $"{what} meshRef", location) is not { } name)
            {
                return null;
            }

            if (_objects.TryGetValue((ResourceKinds.Mesh, "", name), out var mesh))
            {
                Resolved.Add((mesh, "meshRef"));
                return mesh.AwsName;
            }

            Missing.Add($"Mesh {name}");
            _reader.Error(_reader.Locate(meshRef, "name", location), $"{what}: meshRef names Mesh '{name}', which is not in {_scope}");
            return null;
        }

        var only = Only(_meshes, obj, "Mesh", "spec.meshRef");
        if (only is not null)
        {
            Resolved.Add((only, "meshRef"));
        }

        return only?.AwsName;
    }

    /// <summary>The App Mesh name of a gateway route's virtual gateway: its <c>spec.virtualGatewayRef</c>, else the only one in the input.</summary>
    internal string? GatewayOf(KubernetesObject gatewayRoute)
    {
        var what = gatewayRoute.Describe();
        if (_reader.OptionalMapping(gatewayRoute.Spec, "virtualGatewayRef", what, gatewayRoute.SpecLocation) is { } gatewayRef)
        {
            var location = _reader.Locate(gatewayRoute.Spec, "virtualGatewayRef", gatewayRoute.SpecLocation);
            return Resolve(gatewayRef, ResourceKinds.VirtualGateway, gatewayRoute, "virtualGatewayRef", location);
        }

        var only = Only(_gateways, gatewayRoute, "VirtualGateway", "spec.virtualGatewayRef");
        if (only is not null)
        {
            Resolved.Add((only, "virtualGatewayRef"));
        }

        return only?.AwsName;
    }

    /// <summary>
    /// Replaces <c>owner[refMember]</c> or <c>owner[arnMember]</c> by <c>owner[nameMember]</c> holding the referenced
    /// resource's App Mesh name, at the same position. Neither set is left to validation (the name member is required).
    /// </summary>
    internal void ReplaceReference(JsonObject owner, string refMember, string arnMember, string nameMember, ResourceKind kind, KubernetesObject referrer)
    {
        var hasRef = owner[refMember] is not null;
        var hasArn = owner[arnMember] is not null;
        var fallback = _reader.Locate(owner, referrer.SpecLocation);
        if (hasRef && hasArn)
        {
            _reader.Error(_reader.Locate(owner, arnMember, fallback), $"{referrer.Describe()}: set only one of '{refMember}' and '{arnMember}'");
        }

        if (hasRef)
        {
            var location = _reader.Locate(owner, refMember, fallback);
            var name = owner[refMember] is JsonObject reference
                ? Resolve(reference, kind, referrer, refMember, location)
                : Invalid(location, $"{referrer.Describe()}: '{refMember}' must be a mapping with 'name' and optionally 'namespace'");
            _reader.SourceMap.ReplaceMember(owner, refMember, nameMember, JsonValue.Create(name ?? AsWritten(owner[refMember]?["name"])));
            owner.Remove(arnMember);
        }
        else if (hasArn)
        {
            var location = _reader.Locate(owner, arnMember, fallback);
            var name = NameFromArn(owner[arnMember], kind, referrer, arnMember, location);
            _reader.SourceMap.ReplaceMember(owner, arnMember, nameMember, JsonValue.Create(name ?? AsWritten(owner[arnMember])));
        }
    }

    /// <summary>
    /// What the author wrote, standing in for a name that could not be resolved: the error is already reported, and
    /// a non-empty value keeps validation from adding a second, misleading "missing member" error.
    /// </summary>
    private static string AsWritten(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "?";

    private string? Resolve(JsonObject reference, ResourceKind kind, KubernetesObject referrer, string member, SourceLocation location)
    {
        var what = $"{referrer.Describe()} {member}";
        var name = _reader.RequiredString(reference, "name", what, location);
        var ns = _reader.OptionalString(reference, "namespace", what, location) ?? referrer.Namespace;
        if (name is null)
        {
            return null;
        }

        if (_objects.TryGetValue((kind, ns, name), out var target))
        {
            Resolved.Add((target, member));
            return target.AwsName;
        }

        Missing.Add($"{kind.TypeName} {ns}/{name}");
        return Invalid(location, $"{referrer.Describe()}: {member} names {kind.TypeName} {ns}/{name}, which is not in {_scope}");
    }

    private string? NameFromArn(JsonNode? node, ResourceKind kind, KubernetesObject referrer, string member, SourceLocation location)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return Invalid(location, $"{referrer.Describe()}: '{member}' must be a string");
        }

        var text = value.GetValue<string>();
        if (!Arn.TryParse(text, out var arn, out var error))
        {
            return Invalid(location, $"{referrer.Describe()}: {member}: {error}");
        }

        return arn.Key.Kind == kind
            ? arn.Key.Name
            : Invalid(location, $"{referrer.Describe()}: {member} must be a {kind.Name} ARN, got a {arn.Key.Kind.Name} ARN");
    }

    private KubernetesObject? Only(List<KubernetesObject> candidates, KubernetesObject obj, string kindName, string member)
    {
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        if (candidates.Count == 0)
        {
            Missing.Add(kindName);
        }

        var found = candidates.Count == 0
            ? $"{_scope} has no {kindName}"
            : $"{_scope} has {candidates.Count} ({string.Join(", ", candidates.Select(c => c.Describe()))})";
        _reader.Error(obj.Location, $"{obj.Describe()}: cannot tell which {kindName} it belongs to: {found}; set {member}");
        return null;
    }

    private string? Invalid(SourceLocation location, string message)
    {
        _reader.Error(location, message);
        return null;
    }
}
