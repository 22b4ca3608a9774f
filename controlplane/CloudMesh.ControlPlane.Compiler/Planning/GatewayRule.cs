using CloudMesh.ControlPlane.Compiler.Specs;

namespace CloudMesh.ControlPlane.Compiler.Planning;

/// <summary>
/// One Envoy route of a virtual gateway: a gateway route combined with one rule of its target service,
/// since the gateway's Envoy must apply both in a single routing step.
/// </summary>
/// <param name="Name">gateway route name, then the service rule's name.</param>
/// <param name="Hostname">The gateway route's hostname match.</param>
/// <param name="Match">Both matches, expressed on the request as it arrives at the gateway.</param>
/// <param name="PathRewrite">The new prefix (or whole path, for an exact match), or null to keep the path.</param>
/// <param name="HostRewrite">The new Host header, or null to keep it.</param>
/// <param name="Rule">The service rule: targets, retries, timeouts.</param>
internal sealed record GatewayRule(
    string Name,
    HostnameMatch? Hostname,
    RequestMatch Match,
    string? PathRewrite,
    string? HostRewrite,
    HttpRule Rule);
