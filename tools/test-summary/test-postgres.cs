#!/usr/bin/env -S dotnet run --file
#:project ../../api/CloudMesh.EmbeddedPostgres/CloudMesh.EmbeddedPostgres.csproj
// Runs the one throwaway PostgreSQL cluster that ./test.sh shares with every test project.
// Usage: dotnet run --file test-postgres.cs -- <cluster-root> <connection-file>
// Writes the admin connection string to <connection-file> once the server accepts connections, then
// keeps it running until standard input closes or SIGTERM/SIGINT arrives, and then stops and deletes it.
using System.Runtime.InteropServices;
using CloudMesh.EmbeddedPostgres;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: test-postgres.cs <cluster-root> <connection-file>");
    return 2;
}

var (root, connectionFile) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]));
var done = new TaskCompletionSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; done.TrySetResult(); });
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; done.TrySetResult(); });

await using var cluster = await PostgresCluster.StartAsync(
    new PostgresClusterOptions { DataDirectory = Path.Combine(root, "data"), Log = message => Console.WriteLine($"test-postgres: {message}") },
    CancellationToken.None);

// Write then rename, so the reader never sees half a connection string.
await File.WriteAllTextAsync(connectionFile + ".tmp", cluster.ConnectionString);
File.Move(connectionFile + ".tmp", connectionFile, overwrite: true);
Console.WriteLine($"test-postgres: ready on 127.0.0.1:{cluster.Port}");

// The caller holds our standard input open for as long as it needs the server; EOF (even from a crash) ends it.
_ = Task.Run(async () => { await Console.In.ReadToEndAsync(); done.TrySetResult(); });
await done.Task;
Console.WriteLine("test-postgres: stopping");
return 0;
