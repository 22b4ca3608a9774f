using Xunit;

namespace CloudMesh.EndToEnd.Tests.Vm;

/// <summary>
/// A fact that needs network namespaces and iptables (root): skipped, with the reason, where <see cref="NetworkLab"/>
/// cannot run, and only then.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NetnsFactAttribute : FactAttribute
{
    /// <summary>Skips when <see cref="NetworkLab.Unavailable"/> gives a reason.</summary>
    public NetnsFactAttribute()
    {
        if (NetworkLab.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
