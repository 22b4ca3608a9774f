using System.Text.Json.Nodes;
using Amazon.Runtime;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Kubernetes.Client;
using CloudMesh.Kubernetes.Controller;
using CloudMesh.Kubernetes.Tests.Fakes;
using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.Resources;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudMesh.Kubernetes.Tests.Controller;

/// <summary>
/// One controller between the fake API server (no real one can run here) and the real CloudMesh server, as a new
/// tenant. Backoff is short so retries happen within a test.
/// </summary>
internal sealed class ControllerHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    private ControllerHarness(FakeKubernetesApiServer kube, KubernetesClient client, MeshResources appMesh, AppMeshController controller)
    {
        Kube = kube;
        Client = client;
        AppMesh = appMesh;
        Controller = controller;
    }

    public FakeKubernetesApiServer Kube { get; }

    public KubernetesClient Client { get; }

    public MeshResources AppMesh { get; }

    public AppMeshController Controller { get; }

    public static async Task<ControllerHarness> StartAsync(CloudMeshApiFixture api, bool run = true, string? leaderIdentity = null)
    {
        var kube = await FakeKubernetesApiServer.StartAsync([.. AppMeshCustomResource.All.Select(k => k.Type), LeaderElector.Leases]);
        var tenant = await api.CreateTenantAsync("k8s");
        var sdk = new AmazonAppMeshClient(new BasicAWSCredentials(tenant.AccessKeyId, tenant.SecretAccessKey),
            new AmazonAppMeshConfig { ServiceURL = api.Endpoint.ToString(), MaxErrorRetry = 0 });
        var appMesh = new MeshResources(sdk);
        var client = new KubernetesClient(kube.ClientOptions);
        var elector = leaderIdentity is null ? null : new LeaderElector(client, new LeaderElectionOptions
        {
            Namespace = "cloudmesh-system",
            Identity = leaderIdentity,
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        }, NullLogger.Instance);
        var controller = new AppMeshController(client, appMesh, new AppMeshControllerOptions
        {
            BackoffBase = TimeSpan.FromMilliseconds(50),
            BackoffMax = TimeSpan.FromSeconds(1),
        }, NullLogger<AppMeshController>.Instance, elector: elector);
        var harness = new ControllerHarness(kube, client, appMesh, controller);
        if (run)
        {
            harness.Run();
        }

        return harness;
    }

    public void Run() => _run = Controller.RunAsync(_stop.Token);

    /// <summary>Creates a namespace with labels.</summary>
    public void Namespace(string name, params (string Key, string Value)[] labels) =>
        Kube.Create(KubernetesResourceType.Namespaces, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value)))),
            },
        });

    /// <summary>Creates an App Mesh custom resource as <c>kubectl apply</c> would.</summary>
    public JsonObject Apply(JsonObject obj) => Kube.Create(KindOf(obj).Type, obj);

    public static AppMeshCustomResource KindOf(JsonObject obj) => AppMeshCustomResource.Find(KubernetesObjects.String(obj["kind"])!)!;

    /// <summary>The stored object (status included).</summary>
    public JsonObject? Get(AppMeshCustomResource kind, string? ns, string name) => Kube.Get(kind.Type, ns, name);

    /// <summary>Waits until the object's Active condition is True; returns the object.</summary>
    public async Task<JsonObject> ActiveAsync(AppMeshCustomResource kind, string? ns, string name)
    {
        JsonObject? obj = null;
        try
        {
            await Eventually.TrueAsync(() =>
            {
                obj = Get(kind, ns, name);
                return obj is not null && KubernetesObjects.IsConditionTrue(obj, kind.ConditionType);
            }, $"{kind.Type.Kind} {ns}/{name} active");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last status: {obj?["status"]?.ToJsonString() ?? "(none)"}", e);
        }

        return obj!;
    }

    /// <summary>Whether CloudMesh has the resource.</summary>
    public async Task<JsonObject?> DescribeAsync(ResourceKey key)
    {
        try
        {
            return await AppMesh.DescribeAsync(key, default);
        }
        catch (AmazonServiceException e) when (e.ErrorCode == "NotFoundException")
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }

        Client.Dispose();
        AppMesh.Dispose();
        await Kube.DisposeAsync();
    }
}
