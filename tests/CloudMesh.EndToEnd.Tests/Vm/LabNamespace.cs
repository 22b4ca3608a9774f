using System.Net;

namespace CloudMesh.EndToEnd.Tests.Vm;

/// <summary>One "VM" of a <see cref="NetworkLab"/>: a network namespace and its address on the lab's LAN.</summary>
/// <param name="Name">The namespace's name.</param>
/// <param name="Address">Its address.</param>
public sealed record LabNamespace(string Name, IPAddress Address)
{
    /// <summary>The command prefix running a program in this namespace, as root or as <paramref name="uid"/> (and the same GID).</summary>
    public IReadOnlyList<string> Launcher(int? uid = null) => uid is { } id
        ? ["ip", "netns", "exec", Name, "setpriv", $"--reuid={id}", $"--regid={id}", "--clear-groups", "--"]
        : ["ip", "netns", "exec", Name];
}
