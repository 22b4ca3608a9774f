using System.Runtime.CompilerServices;
using CloudMesh.Xds;
using Envoy.Service.Discovery.V3;
using Google.Protobuf.WellKnownTypes;
using Google.Protobuf;

namespace CloudMesh.ControlPlane.Resources;

/// <summary>
/// One xDS resource, serialized once and shared by every stream that receives it (responses reference the same
/// <see cref="Any"/>), with a version that is a hash of its bytes. Immutable.
/// </summary>
public sealed class XdsResource
{
    // One packed form per message instance: the compiler hands the same instance to every proxy that gets the
    // resource (and to later versions while it is unchanged), so it is serialized and hashed once, not per proxy.
    // Weak keys: an entry lives as long as the message does.
    private static readonly ConditionalWeakTable<IMessage, XdsResource> Packed = new();

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

    /// <summary>
    /// As <see cref="Create"/>, but returns the resource already packed from this very <paramref name="message"/>
    /// instance under the same name, if any. The caller promises the message is never modified once passed here
    /// (the compiler's output is immutable): a modified message would keep its old bytes and version.
    /// </summary>
    public static XdsResource Shared(string name, IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Packed.TryGetValue(message, out XdsResource? packed) && packed.Name == name)
        {
            return packed;
        }

        XdsResource created = Create(name, message);
        Packed.AddOrUpdate(message, created);
        return created;
    }

    /// <inheritdoc />
    public override string ToString() => $"{XdsTypeUrls.ShortName(TypeUrl)} {Name}@{Version}";
}
