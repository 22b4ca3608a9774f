using CloudMesh.TestSupport;
using Xunit;

namespace CloudMesh.EndToEnd.Tests.Vm;

/// <summary>
/// iac/vm/cloudmesh-iptables.sh, run as the systemd unit runs it, in network namespaces standing in for VMs. The two
/// ends of every connection are Vm/redirect_probe.py processes: a listener tells on which port a connection arrived and
/// the destination SO_ORIGINAL_DST reports for it, which shows whether iptables redirected it and where it was going.
/// </summary>
public sealed class IptablesScriptTests : IAsyncLifetime
{
    private static readonly string Script = RepoPaths.Combine("iac", "vm", "cloudmesh-iptables.sh");
    private static readonly string Probe = Path.Combine(AppContext.BaseDirectory, "Vm", "redirect_probe.py");

    private readonly List<OsProcess> _processes = [];
    private NetworkLab? _lab;

    private NetworkLab Lab => _lab!;

    public async Task InitializeAsync()
    {
        if (NetworkLab.Unavailable is null)
        {
            _lab = await NetworkLab.CreateAsync();
        }
    }

    [NetnsFact]
    public async Task Enable_is_idempotent_disable_unhooks_and_clean_leaves_the_namespace_as_it_was()
    {
        var vm = await Lab.AddNamespaceAsync("rules");
        // A rule of the host's own: the script must never touch it.
        await RunOkAsync(vm, null, "iptables", "-w", "-t", "nat", "-A", "OUTPUT", "-p", "tcp", "--dport", "9", "-j", "RETURN");
        var pristine = await NatRulesAsync(vm);
        var env = new Dictionary<string, string> { ["APPMESH_APP_PORTS"] = "8080,9090", ["APPMESH_EGRESS_IGNORED_PORTS"] = "5432" };

        await RunOkAsync(vm, env, "bash", Script, "enable");
        var once = await NatRulesAsync(vm);
        await RunOkAsync(vm, env, "bash", Script, "enable");
        var twice = await NatRulesAsync(vm);

        Assert.Equal(once, twice);
        Assert.Equal(
            [
                "-P PREROUTING ACCEPT",
                "-P INPUT ACCEPT",
                "-P OUTPUT ACCEPT",
                "-P POSTROUTING ACCEPT",
                "-N CLOUDMESH_EGRESS",
                "-N CLOUDMESH_INGRESS",
                "-A PREROUTING -p tcp -m addrtype ! --src-type LOCAL -j CLOUDMESH_INGRESS",
                "-A OUTPUT -p tcp -m tcp --dport 9 -j RETURN",
                "-A OUTPUT -p tcp -m addrtype ! --dst-type LOCAL -j CLOUDMESH_EGRESS",
                "-A CLOUDMESH_EGRESS -m owner --uid-owner 1337 -j RETURN",
                "-A CLOUDMESH_EGRESS -p tcp -m tcp --dport 5432 -j RETURN",
                "-A CLOUDMESH_EGRESS -p tcp -m tcp --dport 22 -j RETURN",
                "-A CLOUDMESH_EGRESS -d 169.254.169.254/32 -p tcp -j RETURN",
                "-A CLOUDMESH_EGRESS -d 169.254.170.2/32 -p tcp -j RETURN",
                "-A CLOUDMESH_EGRESS -p tcp -j REDIRECT --to-ports 15001",
                "-A CLOUDMESH_INGRESS -p tcp -m tcp --dport 8080 -j REDIRECT --to-ports 15000",
                "-A CLOUDMESH_INGRESS -p tcp -m tcp --dport 9090 -j REDIRECT --to-ports 15000",
            ],
            once);

        // An edited variable takes effect on the next enable, without duplicates.
        await RunOkAsync(vm, new Dictionary<string, string>(env) { ["APPMESH_APP_PORTS"] = "8080" }, "bash", Script, "enable");
        Assert.DoesNotContain(await NatRulesAsync(vm), r => r.Contains("9090", StringComparison.Ordinal));

        await RunOkAsync(vm, env, "bash", Script, "disable");
        await RunOkAsync(vm, env, "bash", Script, "disable");
        var disabled = await NatRulesAsync(vm);
        Assert.DoesNotContain(disabled, r => r.Contains("-j CLOUDMESH_", StringComparison.Ordinal));
        Assert.Contains("-N CLOUDMESH_EGRESS", disabled);

        await RunOkAsync(vm, env, "bash", Script, "enable");
        await RunOkAsync(vm, env, "bash", Script, "clean");
        await RunOkAsync(vm, env, "bash", Script, "clean");
        Assert.Equal(pristine, await NatRulesAsync(vm));
    }

    [NetnsFact]
    public async Task Outbound_traffic_is_captured_with_its_original_destination_except_the_proxy_UID_ignored_IPs_ports_and_local()
    {
        var vm = await Lab.AddNamespaceAsync("vm");
        var peer = await Lab.AddNamespaceAsync("peer");
        var metadata = await Lab.AddNamespaceAsync("imds"); // stands in for 169.254.169.254: an ignored address
        await ServeAsync(vm, 15001, 15000, 9999);
        await ServeAsync(peer, 7070, 5432, 22);
        await ServeAsync(metadata, 7070);
        var env = new Dictionary<string, string>
        {
            ["APPMESH_APP_PORTS"] = "8080",
            ["APPMESH_EGRESS_IGNORED_IP"] = $"{metadata.Address},169.254.169.254",
            ["APPMESH_EGRESS_IGNORED_PORTS"] = "5432",
        };

        await RunOkAsync(vm, env, "bash", Script, "enable");

        Assert.Equal($"15001 {peer.Address}:7070", await ConnectAsync(vm, peer.Address.ToString(), 7070));
        Assert.Equal("7070 -", await ConnectAsync(vm, peer.Address.ToString(), 7070, uid: NetworkLab.ProxyUid));
        Assert.Equal("5432 -", await ConnectAsync(vm, peer.Address.ToString(), 5432));
        Assert.Equal("22 -", await ConnectAsync(vm, peer.Address.ToString(), 22));
        Assert.Equal("7070 -", await ConnectAsync(vm, metadata.Address.ToString(), 7070));
        Assert.Equal("9999 -", await ConnectAsync(vm, "127.0.0.1", 9999));

        // Inbound: the app port goes to the ingress listener; other ports are left alone.
        Assert.Equal($"15000 {vm.Address}:8080", await ConnectAsync(peer, vm.Address.ToString(), 8080));
        Assert.Equal("9999 -", await ConnectAsync(peer, vm.Address.ToString(), 9999));

        await RunOkAsync(vm, env, "bash", Script, "disable");
        Assert.Equal("7070 -", await ConnectAsync(vm, peer.Address.ToString(), 7070));
        Assert.StartsWith("error", await ConnectAsync(peer, vm.Address.ToString(), 8080), StringComparison.Ordinal);
    }

    [NetnsFact]
    public async Task Without_an_ignored_UID_or_GID_it_refuses_to_redirect_anything()
    {
        var vm = await Lab.AddNamespaceAsync("noid");
        var pristine = await NatRulesAsync(vm);

        var result = await NetworkLab.RunAsync(vm, new Dictionary<string, string> { ["APPMESH_IGNORE_UID"] = "", ["APPMESH_IGNORE_GID"] = "" }, null,
            "bash", Script, "enable");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("APPMESH_IGNORE_UID", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(pristine, await NatRulesAsync(vm));
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }
    }

    private static async Task RunOkAsync(LabNamespace ns, IReadOnlyDictionary<string, string>? env, params string[] command)
    {
        var result = await NetworkLab.RunAsync(ns, env, null, command);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', command)} in {ns.Name}: {result}");
    }

    /// <summary>The nat table as <c>iptables -S</c> lists it, in order (a rule's place in its chain matters).</summary>
    private static async Task<List<string>> NatRulesAsync(LabNamespace ns)
    {
        var result = await NetworkLab.RunAsync(ns, null, null, "iptables", "-w", "-t", "nat", "-S");
        Assert.True(result.ExitCode == 0, result.ToString());
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private async Task ServeAsync(LabNamespace ns, params int[] ports)
    {
        var launcher = ns.Launcher();
        var process = OsProcess.Start($"probe-{ns.Name}", launcher[0], [.. launcher.Skip(1), NetworkLab.Python, Probe, "serve", .. ports.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        _processes.Add(process);
        await Eventually.TrueAsync(() => process.Output.Contains("listening", StringComparison.Ordinal) || process.HasExited,
            $"the probe in {ns.Name} never listened");
        Assert.False(process.HasExited, process.Output);
    }

    private static async Task<string> ConnectAsync(LabNamespace from, string host, int port, int? uid = null)
    {
        var result = await NetworkLab.RunAsync(from, null, uid, NetworkLab.Python, Probe, "connect", host, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }
}
