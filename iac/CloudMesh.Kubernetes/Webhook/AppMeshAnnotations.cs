namespace CloudMesh.Kubernetes.Webhook;

/// <summary>The App Mesh injector's pod annotations (and namespace label) that CloudMesh's injector honours.</summary>
public static class AppMeshAnnotations
{
    /// <summary>
    /// <c>enabled</c> or <c>disabled</c>: on a pod, whether to inject it; on a namespace (as a label), whether its pods
    /// are injected by default.
    /// </summary>
    public const string SidecarInjectorWebhook = "appmesh.k8s.aws/sidecarInjectorWebhook";

    /// <summary>The application ports to redirect inbound (<c>8080,8443</c>); default: the virtual node's listener ports.</summary>
    public const string Ports = "appmesh.k8s.aws/ports";

    /// <summary>Egress IPs/CIDRs not redirected to the proxy.</summary>
    public const string EgressIgnoredIPs = "appmesh.k8s.aws/egressIgnoredIPs";

    /// <summary>Egress ports not redirected to the proxy.</summary>
    public const string EgressIgnoredPorts = "appmesh.k8s.aws/egressIgnoredPorts";

    /// <summary>The UID whose traffic is not redirected (the proxy's).</summary>
    public const string IgnoredUid = "appmesh.k8s.aws/ignoredUID";

    /// <summary>The proxy container's CPU request.</summary>
    public const string CpuRequest = "appmesh.k8s.aws/cpuRequest";

    /// <summary>The proxy container's memory request.</summary>
    public const string MemoryRequest = "appmesh.k8s.aws/memoryRequest";

    /// <summary>The proxy container's CPU limit.</summary>
    public const string CpuLimit = "appmesh.k8s.aws/cpuLimit";

    /// <summary>The proxy container's memory limit.</summary>
    public const string MemoryLimit = "appmesh.k8s.aws/memoryLimit";

    /// <summary><c>enabled</c>: the App Mesh CNI plugin sets up the redirect, so no init container is added.</summary>
    public const string AppMeshCni = "appmesh.k8s.aws/appmeshCNI";

    /// <summary>Written by the injector: the mesh the pod was injected for.</summary>
    public const string Mesh = "appmesh.k8s.aws/mesh";

    /// <summary>Written by the injector: the virtual node (App Mesh name) the pod runs as.</summary>
    public const string VirtualNode = "appmesh.k8s.aws/virtualNode";

    /// <summary>Written by the injector: the virtual gateway (App Mesh name) the pod runs as.</summary>
    public const string VirtualGateway = "appmesh.k8s.aws/virtualGateway";
}
