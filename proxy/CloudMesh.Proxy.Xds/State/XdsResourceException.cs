namespace CloudMesh.Proxy.Xds.State;

/// <summary>A response carried a resource the client cannot even decode; it is NACKed without reaching the data plane.</summary>
internal sealed class XdsResourceException(string message, Exception? inner = null) : Exception(message, inner);
