using CloudMesh.TestSupport;

namespace CloudMesh.Grpc.Tests.Support;

/// <summary>The grpc-js scripts under tests/interop/grpc and the test proto they load, run through <see cref="NodeScript"/>.</summary>
public static class NodeInterop
{
    public static string ProtoPath => RepoPaths.Combine("tests", "CloudMesh.Grpc.Tests", "Protos", "test_service.proto");

    /// <summary>Runs a script of tests/interop/grpc to completion and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout) =>
        NodeScript.RunAsync(Path.Combine("grpc", script), arguments, timeout);
}
