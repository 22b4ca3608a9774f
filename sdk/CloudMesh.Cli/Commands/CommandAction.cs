using System.CommandLine;
using System.Net.Http;
using Amazon.Runtime;
using CloudMesh.Sdk.Admin;

namespace CloudMesh.Cli.Commands;

/// <summary>
/// Runs a command's body and turns the failures a user can act on (server errors, unreachable server, invalid input)
/// into one line on standard error and an exit code; anything else is a bug and keeps its stack trace.
/// </summary>
internal static class CommandAction
{
    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="body"/>, wrapped in the CLI's error handling.</summary>
    public static void Set(Command command, Func<CliContext, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await body(new CliContext(parse), ct);
            }
            catch (CliException e)
            {
                return Fail(e.Message, e.ExitCode);
            }
            catch (CloudMeshAdminException e)
            {
                return Fail($"{e.ErrorCode ?? ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {e.Message}", CliExitCodes.Failed);
            }
            catch (AmazonServiceException e)
            {
                return Fail($"{e.ErrorCode ?? ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {e.Message}", CliExitCodes.Failed);
            }
            catch (HttpRequestException e)
            {
                return Fail($"cannot reach CloudMesh: {e.Message}", CliExitCodes.Failed);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return Fail("cancelled", 130);
            }
        });

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"cloudmesh: error: {message}");
        return code;
    }
}
