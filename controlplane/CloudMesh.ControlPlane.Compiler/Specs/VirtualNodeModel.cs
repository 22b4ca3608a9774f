using System.Text.Json;

namespace CloudMesh.ControlPlane.Compiler.Specs;

/// <summary>One virtual node listener (Listener).</summary>
internal sealed record NodeListener(
    PortMapping PortMapping,
    TimeoutSpec? Timeout,
    HealthCheckSpec? HealthCheck,
    OutlierDetectionSpec? OutlierDetection,
    ConnectionPoolSpec? ConnectionPool,
    ListenerTlsSpec? Tls)
{
    public int Port => PortMapping.Port;

    public PortProtocol Protocol => PortMapping.Protocol;

    public static NodeListener? Parse(JsonElement json)
    {
        if (PortMapping.Parse(json.Object("portMapping")) is not { } mapping)
        {
            return null;
        }

        return new NodeListener(
            mapping,
            TimeoutSpec.ParseListenerTimeout(json.Object("timeout"), mapping.Protocol),
            HealthCheckSpec.Parse(json.Object("healthCheck")),
            OutlierDetectionSpec.Parse(json.Object("outlierDetection")),
            ConnectionPoolSpec.Parse(json.Object("connectionPool"), mapping.Protocol),
            ListenerTlsSpec.Parse(json.Object("tls")));
    }
}

/// <summary>A backend (Backend.virtualService).</summary>
/// <param name="VirtualServiceName">The virtual service called.</param>
/// <param name="HasOwnTlsPolicy">True when the backend declares clientPolicy.tls, which then replaces the node's backendDefaults (even when not enforced).</param>
/// <param name="ClientTls">That policy, or null when it is absent or not enforced.</param>
internal sealed record BackendSpec(string VirtualServiceName, bool HasOwnTlsPolicy, ClientTlsSpec? ClientTls);

/// <summary>How callers find a virtual node's instances (ServiceDiscovery).</summary>
/// <param name="DnsHostname">dns.hostname, when discovery is DNS.</param>
/// <param name="DnsEndpoints">dns.responseType ENDPOINTS (every address is an endpoint) rather than LOADBALANCER (the default).</param>
/// <param name="CloudMapAttributes">awsCloudMap.attributes: instances must carry all of them; null when discovery is not Cloud Map.</param>
/// <param name="IpPreference">The discovery's own ipPreference.</param>
internal sealed record ServiceDiscoverySpec(
    string? DnsHostname,
    bool DnsEndpoints,
    IReadOnlyList<KeyValuePair<string, string>>? CloudMapAttributes,
    IpPreference IpPreference)
{
    public bool IsCloudMap => CloudMapAttributes is not null;

    public static ServiceDiscoverySpec? Parse(JsonElement? element)
    {
        if (element is not { } json)
        {
            return null;
        }

        if (json.Object("dns") is { } dns && dns.String("hostname") is { } hostname)
        {
            return new ServiceDiscoverySpec(
                hostname,
                dns.String("responseType") == "ENDPOINTS",
                null,
                IpPreferences.Parse(dns.String("ipPreference")));
        }

        if (json.Object("awsCloudMap") is { } cloudMap)
        {
            var attributes = new List<KeyValuePair<string, string>>();
            foreach (var attribute in cloudMap.Objects("attributes"))
            {
                if (attribute.String("key") is { } key && attribute.String("value") is { } value)
                {
                    attributes.Add(new(key, value));
                }
            }

            return new ServiceDiscoverySpec(null, false, attributes, IpPreferences.Parse(cloudMap.String("ipPreference")));
        }

        return null;
    }
}

/// <summary>A virtual node, parsed once by <see cref="MeshCompiler.Prepare(Model.MeshSnapshot)"/>.</summary>
internal sealed record VirtualNodeModel(
    string Name,
    IReadOnlyList<NodeListener> Listeners,
    IReadOnlyList<BackendSpec> Backends,
    ClientTlsSpec? DefaultClientTls,
    AccessLogSpec? AccessLog,
    ServiceDiscoverySpec? ServiceDiscovery)
{
    public static VirtualNodeModel Parse(string name, JsonElement spec)
    {
        var listeners = new List<NodeListener>();
        var ports = new HashSet<int>();
        foreach (var item in spec.Objects("listeners"))
        {
            // The API rejects duplicate ports; should one slip through, the first declaration wins.
            if (NodeListener.Parse(item) is { } listener && ports.Add(listener.Port))
            {
                listeners.Add(listener);
            }
        }

        var backends = new List<BackendSpec>();
        foreach (var item in spec.Objects("backends"))
        {
            if (item.Object("virtualService") is { } backend && backend.String("virtualServiceName") is { } service)
            {
                var policy = backend.Object("clientPolicy");
                backends.Add(new BackendSpec(service, policy?.Object("tls") is not null, ClientTlsSpec.ParseClientPolicy(policy)));
            }
        }

        return new VirtualNodeModel(
            name,
            listeners,
            backends,
            ClientTlsSpec.ParseClientPolicy(spec.Object("backendDefaults")?.Object("clientPolicy")),
            AccessLogSpec.Parse(spec),
            ServiceDiscoverySpec.Parse(spec.Object("serviceDiscovery")));
    }

    /// <summary>The listener on <paramref name="port"/>, or null.</summary>
    public NodeListener? ListenerOn(int port)
    {
        foreach (var listener in Listeners)
        {
            if (listener.Port == port)
            {
                return listener;
            }
        }

        return null;
    }
}
