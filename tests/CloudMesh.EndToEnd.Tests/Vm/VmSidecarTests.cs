using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
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
public sealed class VmSidecarTests(ReachableCloudMesh api) : IClassFixture<ReachableCloudMesh>, IAsyncLifetime
{
    /// <summary>The applications' port, as in the virtual nodes' and the router's listeners below.</summary>
    private const int AppPort = 8080;
    private static readonly string[] Colors = ["colors-v1", "colors-v2"];

    private readonly TempDirectory _state = new("cloudmesh-vm-state");
    private readonly List<IAsyncDisposable> _processes = [];
    private readonly List<LabNamespace> _backends = [];
    private readonly List<ProxyProcess> _backendSidecars = [];
    private Uri _xds = null!;
    private string _token = "";
    private string _account = "";
    private NetworkLab? _lab;
    private AppMeshTestClient _client = null!;
    private LabNamespace _app = null!;
    private IPAddress _serviceAddress = null!;

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

    [NetnsFact]
    public async Task A_VM_stopped_as_systemd_stops_it_is_deregistered_and_a_restart_brings_it_back()
    {
        await DeployAsync();
        Assert.Equal("200 colors-v2 /v2/a", await AppGetAsync("/v2/a"));
        var (vm, sidecar) = (_backends[1], _backendSidecars[1]);

        // systemctl stop: SIGTERM (the proxy drains and exits 0), then ExecStopPost removes the redirect.
        sidecar.Process.Terminate();
        Assert.True(await sidecar.Process.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the proxy did not exit after SIGTERM");
        Assert.Equal(0, sidecar.Process.ExitCode);
        await RedirectAsync(vm, "clean", AppPort.ToString(CultureInfo.InvariantCulture));
        await Eventually.TrueAsync(async () => (await InstancesAsync("colors-v2")).AsArray().Count == 0, "the stopped VM stayed registered");
        // Envoy's answer for a cluster without endpoints, once EDS has dropped the VM.
        await Eventually.TrueAsync(async () => await AppGetAsync("/v2/a") == "503 no healthy upstream", "the stopped VM was never dropped from EDS");
        Assert.Equal("200 colors-v1 /a", await AppGetAsync("/a"));

        // systemctl start: ExecStartPre enables the redirect again, the proxy starts from its state file and re-registers.
        await RedirectAsync(vm, "enable", AppPort.ToString(CultureInfo.InvariantCulture));
        _processes.Add(await StartSidecarAsync(vm, Arn("colors-v2"), new() { ["CLOUDMESH_INSTANCE_ADDRESS"] = vm.Address.ToString() },
            sidecar.StateFile));
        await Eventually.TrueAsync(async () => await AppGetAsync("/v2/a") == "200 colors-v2 /v2/a", "the restarted VM never got traffic again");
        Assert.Single((await InstancesAsync("colors-v2")).AsArray());
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
        _token = token;
        _xds = new Uri($"http://{lab.HostAddress}:{api.Server.XdsEndpoint!.Port}");
        _account = account;

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
            await RedirectAsync(vm, "enable", AppPort.ToString(CultureInfo.InvariantCulture));
            var sidecar = await StartSidecarAsync(vm, Arn(Colors[v]), new() { ["CLOUDMESH_INSTANCE_ADDRESS"] = vm.Address.ToString() });
            _backendSidecars.Add(sidecar);
            _processes.Add(sidecar);
        }

        // The client VM: the virtual service's name resolves (as /etc/hosts) to an address no machine has.
        _serviceAddress = lab.Address(200);
        _app = await lab.AddNamespaceAsync("app", $"{_serviceAddress} colors.local");
        await RedirectAsync(_app, "enable", "");
        _processes.Add(await StartSidecarAsync(_app, Arn("app"), []));

        await Eventually.TrueAsync(async () => (await AppGetAsync("/")).StartsWith("200 colors-v1", StringComparison.Ordinal),
            "the client VM never reached colors-v1 through the mesh");
    }

    private string Arn(string node) => $"arn:aws:appmesh:us-east-1:{_account}:mesh/vm/virtualNode/{node}";

    /// <summary>Runs the redirect script in <paramref name="vm"/> as the unit does (ExecStartPre enable, ExecStopPost clean).</summary>
    private static async Task RedirectAsync(LabNamespace vm, string command, string appPorts)
    {
        var result = await NetworkLab.RunAsync(vm, new Dictionary<string, string> { ["APPMESH_APP_PORTS"] = appPorts }, null,
            "bash", RepoPaths.Combine("iac", "vm", "cloudmesh-iptables.sh"), command);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>The real proxy in <paramref name="vm"/> as UID 1337, all listeners on 0.0.0.0 (redirected connections arrive on 127.0.0.1).</summary>
    private async Task<ProxyProcess> StartSidecarAsync(LabNamespace vm, string arn, Dictionary<string, string> environment, string? stateFile = null)
    {
        var launch = vm.Launcher(NetworkLab.ProxyUid);
        var binary = new ProxyBinary(launch[0], [.. launch.Skip(1), "dotnet", .. ProxyBinary.Jit.Arguments]);
        environment["HOME"] = _state.Path;
        return await ProxyProcess.StartAsync(arn, _xds, _token, _state, vm.Address, stateFile, environment, binary, bindAddress: IPAddress.Any);
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
