using System.Text.Json;

namespace CloudMesh.ControlPlane.Compiler.Specs;

/// <summary>
/// One virtual gateway listener. Its healthCheck is not modelled: it describes how the gateway itself is
/// probed (by a load balancer in front of it), and there is no local application for Envoy to check.
/// </summary>
internal sealed record GatewayListener(PortMapping PortMapping, ConnectionPoolSpec? ConnectionPool, ListenerTlsSpec? Tls)
{
    public int Port => PortMapping.Port;

    public PortProtocol Protocol => PortMapping.Protocol;
}

/// <summary>A virtual gateway, parsed once.</summary>
internal sealed record VirtualGatewayModel(
    string Name,
    IReadOnlyList<GatewayListener> Listeners,
    ClientTlsSpec? DefaultClientTls,
    AccessLogSpec? AccessLog)
{
    public static VirtualGatewayModel Parse(string name, JsonElement spec)
    {
        var listeners = new List<GatewayListener>();
        foreach (var item in spec.Objects("listeners"))
        {
            // Gateways have no tcp listeners; a port is declared once.
            if (PortMapping.Parse(item.Object("portMapping")) is { Protocol: not PortProtocol.Tcp } mapping
                && listeners.TrueForAll(l => l.Port != mapping.Port))
            {
                listeners.Add(new GatewayListener(
                    mapping,
                    ConnectionPoolSpec.Parse(item.Object("connectionPool"), mapping.Protocol),
                    ListenerTlsSpec.Parse(item.Object("tls"))));
            }
        }

        return new VirtualGatewayModel(
            name,
            listeners,
            ClientTlsSpec.ParseClientPolicy(spec.Object("backendDefaults")?.Object("clientPolicy")),
            AccessLogSpec.Parse(spec));
    }
}
