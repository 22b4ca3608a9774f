namespace CloudMesh.Proxy.DataPlane.Tls;

/// <summary>A certificate, key or trust bundle file that cannot be read or used; the message names the file and why.</summary>
internal sealed class TlsMaterialException(string message, Exception? inner = null) : Exception(message, inner);
