using Envoy.Service.Discovery.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.ControlPlane.Resources;

/// <summary>
/// One xDS resource, serialized once and shared by every stream that receives it (responses reference the same
/// <see cref="Any"/>), with a version that is a hash of its bytes. Immutable.
/// </summary>
public sealed class XdsResource
{
    private Resource? _deltaResource;

    private XdsResource(string name, string version, Any payload)
    {
        Name = name;
        Version = version;
        Payload = payload;
    }

    /// <summary>The resource name (what clients subscribe to).</summary>
    public string Name { get; }

    /// <summary>A hash of the serialized resource: changes exactly when the resource does.</summary>
    public string Version { get; }

    /// <summary>The packed resource. Never mutate it: it is shared between streams and threads.</summary>
    public Any Payload { get; }

    /// <summary>
    /// The resource wrapped for incremental responses, built on first use and then shared like
    /// <see cref="Payload"/>. Never mutate it.
    /// </summary>
    public Resource DeltaResource =>
        _deltaResource ??= new Resource { Name = Name, Version = Version, Resource_ = Payload };

    /// <summary>The resource's type URL.</summary>
    public string TypeUrl => Payload.TypeUrl;

    /// <summary>Packs <paramref name="message"/> under <paramref name="name"/>.</summary>
    public static XdsResource Create(string name, IMessage message)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(message);
        Any payload = Any.Pack(message);
        return new XdsResource(name, ContentHash.Of(payload.Value.Span), payload);
    }

    /// <inheritdoc />
    public override string ToString() => $"{XdsTypeUrls.ShortName(TypeUrl)} {Name}@{Version}";
}
