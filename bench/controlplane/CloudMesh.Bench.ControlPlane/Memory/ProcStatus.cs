namespace CloudMesh.Bench.ControlPlane.Memory;

/// <summary>Reads a process's resident set from <c>/proc/&lt;pid&gt;/status</c> (Linux), the figure the memory target is judged on.</summary>
internal static class ProcStatus
{
    /// <summary>VmRSS of process <paramref name="pid"/> in bytes.</summary>
    public static long ResidentBytes(int pid) => ParseResidentBytes(File.ReadAllText($"/proc/{pid}/status"));

    /// <summary>The <c>VmRSS:</c> line of a status file's text, in bytes (the kernel prints it in kB, meaning KiB).</summary>
    public static long ParseResidentBytes(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line["VmRSS:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[1] == "kB" && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var kib))
            {
                return kib * 1024;
            }

            throw new FormatException($"Unexpected VmRSS line: '{line}'.");
        }

        throw new FormatException("No VmRSS line (is this a kernel thread or a zombie?).");
    }
}
