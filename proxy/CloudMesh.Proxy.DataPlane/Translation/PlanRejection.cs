namespace CloudMesh.Proxy.DataPlane.Translation;

/// <summary>A construct the data plane cannot honour; the message names the resource and becomes the NACK's detail.</summary>
internal sealed class PlanRejection(string message) : Exception(message);
