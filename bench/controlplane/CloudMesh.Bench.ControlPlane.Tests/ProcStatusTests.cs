using CloudMesh.Bench.ControlPlane.Memory;

namespace CloudMesh.Bench.ControlPlane.Tests;

public sealed class ProcStatusTests
{
    // The layout of /proc/<pid>/status on Linux: a tab after the colon, then right-aligned kB.
    private const string Status = "Name:\tdotnet\nVmPeak:\t 3383288 kB\nVmRSS:\t  198520 kB\nRssAnon:\t   95432 kB\nThreads:\t31\n";

    [Fact]
    public void VmRss_is_read_in_bytes()
    {
        Assert.Equal(198520L * 1024, ProcStatus.ParseResidentBytes(Status));
    }

    [Fact]
    public void A_status_without_VmRss_is_an_error()
    {
        Assert.Throws<FormatException>(() => ProcStatus.ParseResidentBytes("Name:\tkthreadd\nState:\tS (sleeping)\n"));
    }

    [Fact]
    public void This_process_has_a_plausible_resident_set()
    {
        var bytes = ProcStatus.ResidentBytes(Environment.ProcessId);

        Assert.InRange(bytes, 1L << 20, 64L << 30);
    }

    [Fact]
    public void Cpu_time_is_utime_plus_stime_counted_after_a_command_name_with_spaces()
    {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        const string stat = "4242 (dotnet (x) y) S 1 4242 4242 0 -1 4194560 5000 0 3 0 250 75 0 0 20 0 31 0";

        Assert.Equal(TimeSpan.FromSeconds(3.25), ProcStat.ParseCpuTime(stat));
    }

    [Fact]
    public void This_process_has_used_some_cpu()
    {
        Assert.True(ProcStat.CpuTime(Environment.ProcessId) > TimeSpan.Zero);
    }

    [Fact]
    public void The_heap_probe_answer_is_parsed()
    {
        var reading = HeapReading.Parse("""{"liveBytes":123,"heapSizeBytes":456,"committedBytes":789}""");

        Assert.Equal(new HeapReading(123, 456, 789), reading);
    }
}
