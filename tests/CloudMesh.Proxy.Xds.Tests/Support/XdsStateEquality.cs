using CloudMesh.Proxy.Xds.State;

namespace CloudMesh.Proxy.Xds.Tests.Support;

/// <summary>Value equality of two states (the record compares dictionaries by reference).</summary>
internal static class XdsStateEquality
{
    public static bool Same(XdsState a, XdsState b) => XdsStateEditor.SameResources(a, b);
}
