using System.Globalization;
using System.Net;
using CloudMesh.EndToEnd.Tests.Support;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using CloudMesh.TestSupport.Ecs;
using Xunit;

namespace CloudMesh.EndToEnd.Tests;

/// <summary>
/// An ECS task's sidecar registering the task for EDS by itself, as `cloudmesh proxy ecs` sets it up (no instance address
/// in the task definition). ECS cannot run here: <see cref="TaskMetadataServer"/> stands in for the agent's task metadata
/// endpoint and serves a task document of the documented v4 shape whose awsvpc address is the loopback address the
/// "task" (its proxy and app) really listens on. Everything else is real: the CloudMesh server with PostgreSQL, the proxy
/// processes, the sample app, and a client sidecar routing to the task through EDS.
/// </summary>
public sealed class EcsTaskRegistrationTests(CloudMeshApiFixture api) : IClassFixture<CloudMeshApiFixture>, IAsyncLifetime
{
    private const string TaskArn = "arn:aws:ecs:us-west-2:111122223333:task/colors/5a1c0f7e9b2d4c3f8e6a7b0c1d2e3f40";

    private readonly TempDirectory _state = new("cloudmesh-ecs-state");
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_task_sidecar_registers_the_task_address_from_its_metadata_and_clients_reach_it_through_EDS()
    {
        var client = await api.NewTenantClientAsync();
        var account = client.Credentials.AccountId;
        var token = await MeshWriter.IssueXdsTokenAsync(api.Http, api.Server.AdminToken, account);
        var xds = api.Server.XdsEndpoint!;
        int appPort = FreePort.Get();
        string Arn(string node) => $"arn:aws:appmesh:us-east-1:{account}:mesh/ecs/virtualNode/{node}";

        await MeshWriter.CreateAsync(client, "/v20190125/meshes", "meshName", "ecs", "{}");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/ecs/virtualNodes", "virtualNodeName", "colors",
            """{"listeners":[{"portMapping":{"port":PORT,"protocol":"http"}}],"serviceDiscovery":{"awsCloudMap":{"namespaceName":"ecs.local","serviceName":"colors"}}}"""
                .Replace("PORT", appPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/ecs/virtualServices", "virtualServiceName", "colors.ecs.local",
            """{"provider":{"virtualNode":{"virtualNodeName":"colors"}}}""");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/ecs/virtualNodes", "virtualNodeName", "client",
            """{"backends":[{"virtualService":{"virtualServiceName":"colors.ecs.local"}}]}""");

        // The "task": its ENI address, its app, and its sidecar told nothing but ECS_CONTAINER_METADATA_URI_V4.
        var taskAddress = ProxyProcess.NewAddress();
        var document = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Ecs", "ecs-task-metadata-v4-fargate.json"));
        var metadata = TaskMetadataServer.Start(TaskMetadataServer.WithAddress(document, taskAddress.ToString()));
        _owned.Add(metadata);
        _owned.Add(await SampleService.StartAsync("127.0.0.1", appPort, "colors-task"));
        var sidecar = await ProxyProcess.StartAsync(Arn("colors"), xds, token, _state, taskAddress, environment: new Dictionary<string, string>
        {
            ["ECS_CONTAINER_METADATA_URI_V4"] = metadata.ContainerUri,
            ["CLOUDMESH_PROXY_INGRESS_PORT"] = appPort.ToString(CultureInfo.InvariantCulture),
            ["CLOUDMESH_PROXY_EGRESS_PORT"] = FreePort.Get().ToString(CultureInfo.InvariantCulture),
        });
        _owned.Add(sidecar);
        Assert.Contains("/v4/5a1c0f7e-1028351877/task", metadata.Paths);

        // The control plane registered the task: its ARN as instance id, its awsvpc address, port 0 (the node's listener port).
        const string instances = "/cloudmesh/v1/meshes/ecs/virtualNodes/colors/instances";
        var registered = await Eventually.ReturnsAsync(async () => (await client.GetAsync(instances)).EnsureSuccess().Body!["instances"]!.AsArray(),
            list => list.Count == 1, "the task never appeared in the registry");
        Assert.Equal((TaskArn, taskAddress.ToString(), 0, "proxy"), (registered[0]!["instanceId"]!.GetValue<string>(),
            registered[0]!["address"]!.GetValue<string>(), registered[0]!["port"]!.GetValue<int>(), registered[0]!["source"]!.GetValue<string>()));

        // Another sidecar gets the task as its EDS endpoint and routes to it by service name.
        int clientEgress = FreePort.Get();
        var caller = await ProxyProcess.StartAsync(Arn("client"), xds, token, _state, environment: new Dictionary<string, string>
        {
            ["CLOUDMESH_PROXY_INGRESS_PORT"] = FreePort.Get().ToString(CultureInfo.InvariantCulture),
            ["CLOUDMESH_PROXY_EGRESS_PORT"] = clientEgress.ToString(CultureInfo.InvariantCulture),
        });
        _owned.Add(caller);
        using var http = new HttpClient();
        var body = await Eventually.ReturnsAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{caller.Address}:{clientEgress}/hello");
            request.Headers.Host = $"colors.ecs.local:{appPort}";
            try
            {
                using var response = await http.SendAsync(request);
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : "";
            }
            catch (HttpRequestException)
            {
                return ""; // the egress listener is not bound yet
            }
        }, text => text.Length > 0, "the client sidecar never reached the task");
        Assert.Equal("colors-task /hello\n", body);
        Assert.Contains($"{taskAddress}:{appPort}", await caller.Admin.GetStringAsync("clusters"), StringComparison.Ordinal);

        // The task stops: its registration goes with its stream.
        _owned.Remove(sidecar);
        await sidecar.DisposeAsync();
        await Eventually.ReturnsAsync(async () => (await client.GetAsync(instances)).EnsureSuccess().Body!["instances"]!.AsArray(),
            list => list.Count == 0, "the stopped task stayed registered");
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        _state.Dispose();
    }
}
