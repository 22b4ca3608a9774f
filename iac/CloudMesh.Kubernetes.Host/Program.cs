// cloudmesh-kubernetes: reconciles appmesh.k8s.aws/v1beta2 objects into CloudMesh and serves /mutate-v1-pod.
// Configuration: see KubernetesHostSettings.
using CloudMesh.Kubernetes.Host;

var app = KubernetesHost.Build(args);
await app.RunAsync();
