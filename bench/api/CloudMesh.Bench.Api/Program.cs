using CloudMesh.Bench.Api;

// The API benchmark's load generator (see ../../README.md):
//   run --endpoint URL --target LABEL --workload describe|list|update|create --access-key ID --secret-key SECRET
//       [--concurrency 16] [--duration 10] [--warmup 3] [--nodes 100] [--region us-east-1] [--out FILE]
//   report --dir DIR [--subject cloudmesh] [--baseline moto]
try
{
    switch (args.FirstOrDefault())
    {
        case "run":
            await RunCommand.ExecuteAsync(RunOptions.Parse(args[1..]), TimeProvider.System);
            return 0;
        case "report":
            await ReportCommand.ExecuteAsync(args[1..]);
            return 0;
        default:
            await Console.Error.WriteLineAsync("usage: CloudMesh.Bench.Api run --endpoint URL --target LABEL --workload describe|list|update|create " +
                "--access-key ID --secret-key SECRET [--concurrency N] [--duration S] [--warmup S] [--nodes N] [--out FILE]\n" +
                "       CloudMesh.Bench.Api report --dir DIR [--subject LABEL] [--baseline LABEL]");
            return 2;
    }
}
catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or UriFormatException or HttpRequestException)
{
    await Console.Error.WriteLineAsync("error: " + ex.Message);
    return 1;
}
