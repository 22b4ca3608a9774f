namespace CloudMesh.Kubernetes.Webhook;

/// <summary>What the injector puts into pods: images, the control plane address, defaults for the annotations.</summary>
public sealed record SidecarInjectorOptions
{
    /// <summary>The CloudMesh proxy image (the sidecar container, named <c>envoy</c> as App Mesh's is).</summary>
    public string ProxyImage { get; init; } = "cloudmesh/proxy:latest";

    /// <summary>The image of the init container (<c>proxyinit</c>) that installs the iptables redirect.</summary>
    public string ProxyInitImage { get; init; } = "cloudmesh/proxy-init:latest";

    /// <summary>The control plane's xDS address, passed as <c>APPMESH_XDS_ENDPOINT</c>.</summary>
    public string XdsEndpoint { get; init; } = "http://cloudmesh-controlplane.cloudmesh-system.svc:8081";

    /// <summary>The region proxies announce and sign with (<c>AWS_REGION</c>).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The proxy's log level (<c>ENVOY_LOG_LEVEL</c>).</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>
    /// A Secret (in the pod's namespace) whose key <see cref="XdsTokenSecretKey"/> holds a tenant-scoped xDS token for
    /// <c>CLOUDMESH_XDS_TOKEN</c>; null: proxies authenticate otherwise (SigV4 with the pod's AWS credentials).
    /// </summary>
    public string? XdsTokenSecretName { get; init; }

    /// <summary>The key of <see cref="XdsTokenSecretName"/>.</summary>
    public string XdsTokenSecretKey { get; init; } = "token";

    /// <summary>The proxy's UID, excluded from the redirect (App Mesh's 1337); <c>appmesh.k8s.aws/ignoredUID</c> overrides it.</summary>
    public int ProxyUid { get; init; } = 1337;

    /// <summary>Egress destinations never redirected (instance metadata, the ECS/EKS credentials endpoint; the VM script's default) unless <c>appmesh.k8s.aws/egressIgnoredIPs</c> says otherwise.</summary>
    public string EgressIgnoredIPs { get; init; } = "169.254.169.254,169.254.170.2";

    /// <summary>Egress ports never redirected, unless <c>appmesh.k8s.aws/egressIgnoredPorts</c> says otherwise.</summary>
    public string EgressIgnoredPorts { get; init; } = "";

    /// <summary>The proxy's CPU request, unless <c>appmesh.k8s.aws/cpuRequest</c> says otherwise (App Mesh's default).</summary>
    public string CpuRequest { get; init; } = "10m";

    /// <summary>The proxy's memory request, unless <c>appmesh.k8s.aws/memoryRequest</c> says otherwise (App Mesh's default).</summary>
    public string MemoryRequest { get; init; } = "32Mi";
}
