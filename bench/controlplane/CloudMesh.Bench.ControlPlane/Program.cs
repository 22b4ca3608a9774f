using CloudMesh.Bench.ControlPlane;
using CloudMesh.Bench.ControlPlane.Compile;
using CloudMesh.Bench.ControlPlane.Peer;
using CloudMesh.Bench.ControlPlane.Propagation;
using CloudMesh.Bench.ControlPlane.Reporting;

// The control-plane benchmark's load generator (see ../../README.md and ../run.sh):
//   propagation --api URL --xds URL --access-key ID --secret-key S --xds-token T --server-pid PID --out FILE
//               [--proxies 100] [--writes 10] [--heap-socket PATH] [--settle 3] [--patience 60] [--pause-ms 300]
//   notify --db CONNECTION_STRING --out FILE [--samples 200] [--pause-ms 20]
//   compile --out FILE [--nodes 10000] [--runs 7] [--warmup 2]
//   report --dir DIR
try
{
    var options = new CommandLine(args.Length > 0 ? args[1..] : []);
    switch (args.FirstOrDefault())
    {
        case "propagation":
            await PropagationCommand.ExecuteAsync(options);
            return 0;
        case "notify":
            await NotifyCommand.ExecuteAsync(options);
            return 0;
        case "compile":
            await CompileCommand.ExecuteAsync(options);
            return 0;
        case "report":
            ReportCommand.Execute(options);
            return 0;
        default:
            await Console.Error.WriteLineAsync("usage: CloudMesh.Bench.ControlPlane propagation|notify|compile|report --name value ... (see Program.cs)");
            return 2;
    }
}
catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or TimeoutException or HttpRequestException)
{
    await Console.Error.WriteLineAsync("error: " + ex.Message);
    return 1;
}
