namespace CloudMesh.Proxy.Xds.Status;

/// <summary>The last response of one type the data plane accepted.</summary>
/// <param name="TypeUrl">The resource type.</param>
/// <param name="Version">The response's version_info (SotW) or system_version_info (delta); may be empty in delta.</param>
/// <param name="AcceptedAt">When it was accepted.</param>
/// <param name="ResourceCount">How many resources of the type the proxy holds since.</param>
public sealed record XdsAcceptedVersion(string TypeUrl, string Version, DateTimeOffset AcceptedAt, int ResourceCount);
