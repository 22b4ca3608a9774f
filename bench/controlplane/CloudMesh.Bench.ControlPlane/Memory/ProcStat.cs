using System.Globalization;

namespace CloudMesh.Bench.ControlPlane.Memory;

/// <summary>
/// CPU time a process has used, from <c>/proc/&lt;pid&gt;/stat</c> (utime + stime, in clock ticks), so the report can say
/// whether the server or the load generator (which share the machine's cores) spent the time.
/// </summary>
internal static class ProcStat
{
    /// <summary>Linux's USER_HZ: /proc reports CPU times in these ticks (100 on every mainstream architecture).</summary>
    public const int TicksPerSecond = 100;

    /// <summary>CPU time used so far by process <paramref name="pid"/>.</summary>
    public static TimeSpan CpuTime(int pid) => ParseCpuTime(File.ReadAllText($"/proc/{pid}/stat"));

    /// <summary>utime + stime of a stat line. The command name (field 2) may hold spaces and parentheses, so fields are counted after its last ')'.</summary>
    public static TimeSpan ParseCpuTime(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the name: state is field 3, so utime (14) and stime (15) are at indexes 11 and 12 here.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)TicksPerSecond);
    }
}
