using CloudMesh.Proxy.Xds.Protocol;
using CloudMesh.Xds;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.Proxy.Xds.State;

/// <summary>One resource of a response, unpacked: its name, its message, and its version (delta only).</summary>
internal readonly record struct DecodedResource(string Name, IMessage Message, string Version)
{
    /// <summary>Unpacks <paramref name="any"/> as <paramref name="typeUrl"/>; the name is the message's own.</summary>
    /// <exception cref="XdsResourceException">Wrong type or bytes that do not parse.</exception>
    public static DecodedResource Decode(string typeUrl, Any any, string? name = null, string version = "")
    {
        if (any.TypeUrl != typeUrl)
        {
            throw new XdsResourceException($"A {XdsTypeUrls.ShortName(typeUrl)} response carried a resource of type '{any.TypeUrl}'.");
        }

        IMessage message;
        try
        {
            message = typeUrl switch
            {
                XdsTypeUrls.Listener => Listener.Parser.ParseFrom(any.Value),
                XdsTypeUrls.RouteConfiguration => RouteConfiguration.Parser.ParseFrom(any.Value),
                XdsTypeUrls.Cluster => Cluster.Parser.ParseFrom(any.Value),
                XdsTypeUrls.ClusterLoadAssignment => ClusterLoadAssignment.Parser.ParseFrom(any.Value),
                _ => throw new XdsResourceException($"Resource type '{typeUrl}' is not supported by this proxy."),
            };
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new XdsResourceException($"A {XdsTypeUrls.ShortName(typeUrl)} resource does not parse: {ex.Message}", ex);
        }

        string ownName = message switch
        {
            Listener listener => listener.Name,
            RouteConfiguration route => route.Name,
            Cluster cluster => cluster.Name,
            ClusterLoadAssignment assignment => assignment.ClusterName,
            _ => "",
        };
        string resolved = string.IsNullOrEmpty(name) ? ownName : name;
        if (resolved.Length == 0)
        {
            throw new XdsResourceException($"A {XdsTypeUrls.ShortName(typeUrl)} resource has no name.");
        }

        return new DecodedResource(resolved, message, version);
    }
}
