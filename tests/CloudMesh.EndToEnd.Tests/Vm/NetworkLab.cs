using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using CloudMesh.TestSupport;

namespace CloudMesh.EndToEnd.Tests.Vm;

/// <summary>
/// A small LAN of Linux network namespaces standing in for VMs: a bridge (in a hub namespace of its own) joining the
/// host, at <see cref="HostAddress"/>, and every namespace added, each at its own address on 10.231.&lt;n&gt;.0/24.
/// Each "VM" has its own loopback, ports and iptables, so a sidecar binds the real 15000/15001 and the redirect script
/// runs unchanged. Needs root; the host's own routes and rules are never touched beyond the one veth of the lab.
/// Namespaces are named <c>cmvm-&lt;pid&gt;-&lt;n&gt;-&lt;role&gt;</c>, so those of a crashed test run are found and removed.
/// </summary>
public sealed class NetworkLab : IAsyncDisposable
{
    /// <summary>The UID the sidecars run as (App Mesh's IgnoredUID; the script's default APPMESH_IGNORE_UID).</summary>
    public const int ProxyUid = 1337;

    private const string Prefix = "cmvm-";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly Lazy<string?> Probe = new(ProbeCapabilities);
    private static int _labs;

    private readonly int _subnet;
    private readonly List<string> _namespaces = [];
    private int _nextHost = 10;

    private NetworkLab(int subnet)
    {
        _subnet = subnet;
        Hub = $"{Prefix}{Environment.ProcessId}-{subnet}-hub";
    }

    /// <summary>Why these tests cannot run here (not root, no <c>ip netns</c>, no iptables), or null when they can.</summary>
    public static string? Unavailable => Probe.Value;

    /// <summary>The host's address on the lab's LAN (where a control plane bound to 0.0.0.0 is reached).</summary>
    public IPAddress HostAddress => Address(1);

    private string Hub { get; }

    private string HostLink => $"cmvm{_subnet}";

    /// <summary>
    /// The system's python3: other users (the proxy's UID) cannot reach a per-user install such as root's pyenv shims,
    /// which may come first on PATH.
    /// </summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Builds the hub, its bridge and the host's link into it.</summary>
    public static async Task<NetworkLab> CreateAsync()
    {
        if (Unavailable is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        await RemoveStaleAsync();
        var lab = new NetworkLab(await FreeSubnetAsync());
        try
        {
            await IpAsync("netns", "add", lab.Hub);
            await IpAsync("-n", lab.Hub, "link", "set", "lo", "up");
            await IpAsync("-n", lab.Hub, "link", "add", "br0", "type", "bridge");
            await IpAsync("-n", lab.Hub, "link", "set", "br0", "up");
            await IpAsync("link", "add", lab.HostLink, "type", "veth", "peer", "name", "uplink", "netns", lab.Hub);
            await IpAsync("-n", lab.Hub, "link", "set", "uplink", "master", "br0", "up");
            await IpAsync("addr", "add", $"{lab.HostAddress}/24", "dev", lab.HostLink);
            await IpAsync("link", "set", lab.HostLink, "up");
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>An address of the lab's subnet (1 is the host; 10 and up are the namespaces; 200 and up are free for tests).</summary>
    public IPAddress Address(int host) => IPAddress.Parse($"10.231.{_subnet.ToString(CultureInfo.InvariantCulture)}.{host.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>
    /// Adds a "VM": a namespace with loopback up and one interface on the LAN. <paramref name="hosts"/> lines become its
    /// /etc/hosts (what <c>ip netns exec</c> shows processes as /etc/hosts, from /etc/netns/&lt;name&gt;/hosts).
    /// </summary>
    public async Task<LabNamespace> AddNamespaceAsync(string role, params string[] hosts)
    {
        int host = Interlocked.Increment(ref _nextHost) - 1;
        var name = $"{Prefix}{Environment.ProcessId}-{_subnet}-{role}";
        var address = Address(host);
        await IpAsync("netns", "add", name);
        _namespaces.Add(name);
        await IpAsync("-n", name, "link", "set", "lo", "up");
        var port = $"p{host}";
        await IpAsync("-n", Hub, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", name);
        await IpAsync("-n", Hub, "link", "set", port, "master", "br0", "up");
        await IpAsync("-n", name, "addr", "add", $"{address}/24", "dev", "eth0");
        await IpAsync("-n", name, "link", "set", "eth0", "up");
        if (hosts.Length > 0)
        {
            Directory.CreateDirectory(Path.Combine("/etc/netns", name));
            await File.WriteAllTextAsync(Path.Combine("/etc/netns", name, "hosts"),
                string.Join('\n', ["127.0.0.1 localhost", .. hosts]) + "\n");
        }

        return new LabNamespace(name, address);
    }

    /// <summary>Runs <paramref name="command"/> in <paramref name="ns"/> to its end, as root or as <paramref name="uid"/>.</summary>
    public static async Task<ProcessResult> RunAsync(LabNamespace ns, IReadOnlyDictionary<string, string>? environment, int? uid, params string[] command)
    {
        var launch = ns.Launcher(uid);
        var start = new ProcessStartInfo(launch[0], [.. launch.Skip(1), .. command]);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return await ProcessRunner.RunToEndAsync(start, Patience);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var name in Enumerable.Reverse(_namespaces).Append(Hub))
        {
            await RemoveNamespaceAsync(name);
        }
    }

    /// <summary>Runs <c>ip</c> with <paramref name="arguments"/>; a failure throws with its message.</summary>
    private static async Task<string> IpAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunToEndAsync(new ProcessStartInfo("ip", arguments), Patience);
        return result.ExitCode == 0
            ? result.Stdout
            : throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed: {result.Stderr.Trim()}");
    }

    private static async Task RemoveNamespaceAsync(string name)
    {
        // Deleting a namespace destroys its interfaces, and with them their veth peers (the host's link included).
        await ProcessRunner.RunToEndAsync(new ProcessStartInfo("ip", ["netns", "del", name]), Patience);
        var etc = Path.Combine("/etc/netns", name);
        if (Directory.Exists(etc))
        {
            Directory.Delete(etc, recursive: true);
        }
    }

    /// <summary>Removes the namespaces of test processes that are gone (a crashed or killed run leaves them behind).</summary>
    private static async Task RemoveStaleAsync()
    {
        foreach (var line in (await IpAsync("netns", "list")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            if (name.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(name[Prefix.Length..].Split('-')[0], CultureInfo.InvariantCulture, out int pid)
                && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
            {
                await RemoveNamespaceAsync(name);
            }
        }
    }

    /// <summary>A /24 no interface of the host uses yet (labs of this process and of other test runs included).</summary>
    private static async Task<int> FreeSubnetAsync()
    {
        var used = await IpAsync("-o", "-4", "addr", "show");
        int start = (Environment.ProcessId * 7 + Interlocked.Increment(ref _labs)) % 250;
        for (int i = 0; i < 250; i++)
        {
            int subnet = 1 + ((start + i) % 250);
            if (!used.Contains($" 10.231.{subnet.ToString(CultureInfo.InvariantCulture)}.", StringComparison.Ordinal))
            {
                return subnet;
            }
        }

        throw new InvalidOperationException("No free 10.231.x.0/24 subnet for a network lab.");
    }

    private static string? ProbeCapabilities()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "Network namespaces and iptables are Linux features.";
        }

        if (geteuid() != 0)
        {
            return "Needs root: the VM tests create network namespaces and iptables rules (test.sh runs as root on our machines).";
        }

        foreach (var tool in new[] { "ip", "iptables", "setpriv" })
        {
            if (!Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(dir => File.Exists(Path.Combine(dir, tool))))
            {
                return $"'{tool}' is not installed (test.sh installs iptables and iproute2).";
            }
        }

        try
        {
            var name = $"{Prefix}{Environment.ProcessId}-probe";
            var add = ProcessRunner.RunToEndAsync(new ProcessStartInfo("ip", ["netns", "add", name]), Patience).GetAwaiter().GetResult();
            if (add.ExitCode != 0)
            {
                return $"'ip netns add' does not work here: {add.Stderr.Trim()}";
            }

            var nat = ProcessRunner.RunToEndAsync(new ProcessStartInfo("ip", ["netns", "exec", name, "iptables", "-t", "nat", "-S"]), Patience)
                .GetAwaiter().GetResult();
            ProcessRunner.RunToEndAsync(new ProcessStartInfo("ip", ["netns", "del", name]), Patience).GetAwaiter().GetResult();
            return nat.ExitCode == 0 ? null : $"iptables' nat table is not usable in a network namespace: {nat.Stderr.Trim()}";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or TimeoutException)
        {
            return $"'ip netns' cannot be run: {e.Message}";
        }
    }

    [DllImport("libc")]
    private static extern uint geteuid();
}
