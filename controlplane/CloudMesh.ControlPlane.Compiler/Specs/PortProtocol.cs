namespace CloudMesh.ControlPlane.Compiler.Specs;

/// <summary>App Mesh's listener protocols (PortProtocol and VirtualGatewayPortProtocol).</summary>
internal enum PortProtocol
{
    Http,
    Http2,
    Grpc,
    Tcp,
}

/// <summary>A listener's port and protocol (PortMapping, VirtualRouter's and VirtualGateway's too).</summary>
internal sealed record PortMapping(int Port, PortProtocol Protocol)
{
    /// <summary>Reads a PortMapping object; null when the port or protocol is missing or unknown.</summary>
    public static PortMapping? Parse(System.Text.Json.JsonElement? element)
    {
        if (element is not { } json || json.Int("port") is not { } port || ParseProtocol(json.String("protocol")) is not { } protocol)
        {
            return null;
        }

        return new PortMapping(port, protocol);
    }

    public static PortProtocol? ParseProtocol(string? value) => value switch
    {
        "http" => PortProtocol.Http,
        "http2" => PortProtocol.Http2,
        "grpc" => PortProtocol.Grpc,
        "tcp" => PortProtocol.Tcp,
        _ => null,
    };
}

/// <summary>Spelling of protocols in resource names, as App Mesh spells them in its API.</summary>
internal static class PortProtocolNames
{
    public static string Name(this PortProtocol protocol) => protocol switch
    {
        PortProtocol.Http => "http",
        PortProtocol.Http2 => "http2",
        PortProtocol.Grpc => "grpc",
        _ => "tcp",
    };

    /// <summary>True for the protocols served by an HTTP connection manager.</summary>
    public static bool IsHttpFamily(this PortProtocol protocol) => protocol != PortProtocol.Tcp;

    /// <summary>True when the upstream speaks HTTP/2 (App Mesh's http2 and grpc listeners).</summary>
    public static bool IsHttp2(this PortProtocol protocol) => protocol is PortProtocol.Http2 or PortProtocol.Grpc;
}
