namespace CloudMesh.OpenApi.Tests.Support;

/// <summary>What a finished child process left behind.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>A short account for assertion messages; validator output can be huge, so it is cut.</summary>
    public string Describe()
    {
        const int limit = 4000;
        var text = $"exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
        return text.Length <= limit ? text : text[..limit] + "...";
    }
}
