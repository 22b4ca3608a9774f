using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CloudMesh.Api.Hosting;
using CloudMesh.EndToEnd.Tests.Support;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.EndToEnd.Tests.Vm;

/// <summary>
/// CloudMesh on plain VMs, as docs/vm.md sets it up, with network namespaces standing in for the VMs: on each, the
/// application, iac/vm/cloudmesh-iptables.sh applied (the unit's ExecStartPre) and the real proxy process running as
/// UID 1337 with its proxy.env variables; the CloudMesh server (API, control plane, PostgreSQL) on the host. The
/// application makes a plain HTTP call to a virtual service's name, which /etc/hosts maps to an address nobody holds:
/// only the sidecar's transparent capture (egress 15001, SO_ORIGINAL_DST) can answer it, and it routes as the mesh
/// declares to the backend VMs, whose apps listen on 127.0.0.1 only, so only the ingress redirect (app port to 15000)
/// reaches them. The backends register themselves for EDS through their sidecars' node metadata.
/// </summary>
public sealed class VmSidecarTests(VmSidecarTests.ReachableCloudMesh api) : IClassFixture<VmSidecarTests.ReachableCloudMesh>, IAsyncLifetime
{
    /// <summary>The applications' port, as in the virtual nodes' and the router's listeners below.</summary>
    private const int AppPort = 8080;
    private static readonly string[] Colors = ["colors-v1", "colors-v2"];

    private readonly TempDirectory _state = new("cloudmesh-vm-state");
    private readonly List<IAsyncDisposable> _processes = [];
    private readonly List<LabNamespace> _backends = [];
    private NetworkLab? _lab;
    private AppMeshTestClient _client = null!;
    private LabNamespace _app = null!;
    private IPAddress _serviceAddress = null!;

    /// <summary>CloudMesh with its xDS listener on every host address, so that the VMs reach it over the lab's LAN.</summary>
    public sealed class ReachableCloudMesh : CloudMeshApiFixture
    {
        /// <inheritdoc />
        protected override void Configure(CloudMeshOptions options) => options.XdsUrl = $"http://0.0.0.0:{FreePort.Get()}";
    }

    public async Task InitializeAsync()
    {
        if (NetworkLab.Unavailable is null)
        {
            _lab = await NetworkLab.CreateAsync();
        }
    }

    [NetnsFact]
    public async Task A_plain_HTTP_call_is_captured_by_the_sidecar_and_routed_as_the_mesh_declares_to_self_registered_VMs()
    {
        await DeployAsync();

        Assert.Equal("200 colors-v1 /hello", await AppGetAsync("/hello"));
        Assert.Equal("200 colors-v2 /v2/hello", await AppGetAsync("/v2/hello"));

        // Each backend VM registered itself (CLOUDMESH_INSTANCE_ADDRESS in its proxy.env) and is what EDS routes to.
        for (int v = 0; v < 2; v++)
        {
            var instance = Assert.Single((await InstancesAsync(Colors[v])).AsArray());
            Assert.Equal((_backends[v].Address.ToString(), "proxy"),
                (instance!["address"]!.GetValue<string>(), instance["source"]!.GetValue<string>()));
        }

        // A route changed through the App Mesh API reaches the VM's sidecar: "/" now goes to v2.
        await MeshWriter.UpdateAsync(_client, "/v20190125/meshes/vm/virtualRouter/colors/routes/all", Route("/", "colors-v2", 2));
        await Eventually.TrueAsync(async () => await AppGetAsync("/hello") == "200 colors-v2 /hello", "the route change never reached the VM");

        // A destination the mesh does not declare is captured too (nothing else could answer at that address), and
        // refused by the sidecar: the mesh's egress filter is DROP_ALL.
        Assert.Equal("404", await AppGetAsync("/", $"http://{_lab!.Address(201)}:9999"));

        // The sidecars run as the UID the redirect lets out untouched; their own upstream calls are not captured.
        foreach (var sidecar in _processes.OfType<ProxyProcess>())
        {
            var uid = File.ReadAllLines($"/proc/{sidecar.Process.Id}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            Assert.Equal(NetworkLab.ProxyUid.ToString(CultureInfo.InvariantCulture), uid.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }

        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }

        _state.Dispose();
    }

    private static string Route(string prefix, string node, int priority) =>
        """{"priority":PRIORITY,"httpRoute":{"match":{"prefix":"PREFIX"},"action":{"weightedTargets":[{"virtualNode":"NODE","weight":1}]}}}"""
            .Replace("PRIORITY", priority.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("PREFIX", prefix, StringComparison.Ordinal).Replace("NODE", node, StringComparison.Ordinal);

    private async Task DeployAsync()
    {
        var lab = _lab!;
        _client = await api.NewTenantClientAsync();
        var account = _client.Credentials.AccountId;
        var token = await MeshWriter.IssueXdsTokenAsync(api.Http, api.Server.AdminToken, account);
        var xds = new Uri($"http://{lab.HostAddress}:{api.Server.XdsEndpoint!.Port}");
        string Arn(string node) => $"arn:aws:appmesh:us-east-1:{account}:mesh/vm/virtualNode/{node}";

        await MeshWriter.CreateAsync(_client, "/v20190125/meshes", "meshName", "vm", "{}");
        foreach (var color in Colors)
        {
            await MeshWriter.CreateAsync(_client, "/v20190125/meshes/vm/virtualNodes", "virtualNodeName", color,
                """{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}],"serviceDiscovery":{"awsCloudMap":{"namespaceName":"vm.local","serviceName":"NAME"}}}"""
                    .Replace("NAME", color, StringComparison.Ordinal));
        }

        await MeshWriter.CreateAsync(_client, "/v20190125/meshes/vm/virtualRouters", "virtualRouterName", "colors",
            """{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}]}""");
        await MeshWriter.CreateAsync(_client, "/v20190125/meshes/vm/virtualRouter/colors/routes", "routeName", "v2", Route("/v2", "colors-v2", 1));
        await MeshWriter.CreateAsync(_client, "/v20190125/meshes/vm/virtualRouter/colors/routes", "routeName", "all", Route("/", "colors-v1", 2));
        await MeshWriter.CreateAsync(_client, "/v20190125/meshes/vm/virtualServices", "virtualServiceName", "colors.local",
            """{"provider":{"virtualRouter":{"virtualRouterName":"colors"}}}""");
        await MeshWriter.CreateAsync(_client, "/v20190125/meshes/vm/virtualNodes", "virtualNodeName", "app",
            """{"backends":[{"virtualService":{"virtualServiceName":"colors.local"}}]}""");

        // The proxy runs as UID 1337 and keeps its state where that user may write.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_state.Path, (UnixFileMode)0x1FF); // rwxrwxrwx
        }

        // The backend VMs: app on 127.0.0.1 only, redirect for the app port, sidecar announcing the VM's address.
        for (int v = 0; v < 2; v++)
        {
            var vm = await lab.AddNamespaceAsync(Colors[v]);
            _backends.Add(vm);
            _processes.Add(await SampleService.StartAsync("127.0.0.1", AppPort, Colors[v], vm.Launcher()));
            await EnableRedirectAsync(vm, AppPort.ToString(CultureInfo.InvariantCulture));
            _processes.Add(await StartSidecarAsync(vm, Arn(Colors[v]), xds, token, new() { ["CLOUDMESH_INSTANCE_ADDRESS"] = vm.Address.ToString() }));
        }

        // The client VM: the virtual service's name resolves (as /etc/hosts) to an address no machine has.
        _serviceAddress = lab.Address(200);
        _app = await lab.AddNamespaceAsync("app", $"{_serviceAddress} colors.local");
        await EnableRedirectAsync(_app, "");
        _processes.Add(await StartSidecarAsync(_app, Arn("app"), xds, token, []));

        await Eventually.TrueAsync(async () => (await AppGetAsync("/")).StartsWith("200 colors-v1", StringComparison.Ordinal),
            "the client VM never reached colors-v1 through the mesh");
    }

    private async Task EnableRedirectAsync(LabNamespace vm, string appPorts)
    {
        var result = await NetworkLab.RunAsync(vm, new Dictionary<string, string> { ["APPMESH_APP_PORTS"] = appPorts }, null,
            "bash", RepoPaths.Combine("iac", "vm", "cloudmesh-iptables.sh"), "enable");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private async Task<ProxyProcess> StartSidecarAsync(LabNamespace vm, string arn, Uri xds, string token, Dictionary<string, string> environment)
    {
        var launch = vm.Launcher(NetworkLab.ProxyUid);
        var binary = new ProxyBinary(launch[0], [.. launch.Skip(1), "dotnet", .. ProxyBinary.Jit.Arguments]);
        environment["HOME"] = _state.Path;
        return await ProxyProcess.StartAsync(arn, xds, token, _state, vm.Address, environment: environment, binary: binary,
            bindAddress: IPAddress.Any);
    }

    /// <summary>What the application on the client VM gets for a plain GET: "&lt;status&gt; &lt;body&gt;", or the error.</summary>
    private async Task<string> AppGetAsync(string path, string origin = "http://colors.local:8080")
    {
        const string client = """
            import sys, urllib.request, urllib.error
            try:
                with urllib.request.urlopen(sys.argv[1], timeout=10) as r:
                    print(r.status, r.read().decode().strip())
            except urllib.error.HTTPError as e:
                print(e.code, e.read().decode().strip())
            except Exception as e:
                print("error", e)
            """;
        var result = await NetworkLab.RunAsync(_app, null, null, NetworkLab.Python, "-c", client, origin + path);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }

    private async Task<JsonNode> InstancesAsync(string node) =>
        (await _client.GetAsync($"/cloudmesh/v1/meshes/vm/virtualNodes/{node}/instances")).EnsureSuccess().Body!["instances"]!;
}
