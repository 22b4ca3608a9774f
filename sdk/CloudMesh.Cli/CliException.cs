namespace CloudMesh.Cli;

/// <summary>An error the CLI reports as one message on standard error and an exit code, without a stack trace.</summary>
internal sealed class CliException(string message, int exitCode = CliExitCodes.Failed) : Exception(message)
{
    /// <summary>The process exit code to end with.</summary>
    public int ExitCode { get; } = exitCode;
}

/// <summary>The CLI's exit codes.</summary>
internal static class CliExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command failed: the server refused it, a manifest is invalid, a resource is missing...</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong (unknown option, bad value).</summary>
    public const int Usage = 2;

    /// <summary><c>apply</c> failed part-way: some steps were applied, the rest were not (the output says which).</summary>
    public const int PartiallyApplied = 3;
}
