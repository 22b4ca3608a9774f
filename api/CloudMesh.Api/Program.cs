using CloudMesh.Api.Hosting;

// CloudMesh API: App Mesh-compatible management API. Configuration comes from the environment (CloudMeshOptions).
var options = CloudMeshOptions.FromEnvironment(Environment.GetEnvironmentVariable);
await using var server = await CloudMeshHost.StartAsync(options, args);
Console.WriteLine($"CloudMesh API listening on {server.Endpoint} (region {options.Region}).");
Console.WriteLine(server.XdsEndpoint is { } xds
    ? $"Control plane (xDS/ADS over gRPC) listening on {xds} as replica {options.ReplicaId}."
    : "Control plane off (CLOUDMESH_XDS_URL=off).");
Console.WriteLine($"Admin token: {(server.AdminTokenFile is { } file ? "in " + file : "from CLOUDMESH_ADMIN_TOKEN")}. Swagger UI: {server.Endpoint}swagger");
if (server.Guidance.Length > 0)
{
    Console.WriteLine(server.Guidance);
}

await server.WaitForShutdownAsync();
