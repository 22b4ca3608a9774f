namespace CloudMesh.Bench.Api.Measurement;

/// <summary>The JSON a run prints: throughput, latency and errors of one workload against one target.</summary>
/// <param name="Target">The target label (e.g. <c>cloudmesh</c>).</param>
/// <param name="Workload">The workload name.</param>
/// <param name="Operation">The App Mesh operation it calls.</param>
/// <param name="Endpoint">The endpoint driven.</param>
/// <param name="Concurrency">Closed-loop workers.</param>
/// <param name="SetupNodes">Nodes created in setup.</param>
/// <param name="WarmupSeconds">Unmeasured warm-up.</param>
/// <param name="Seconds">Measured window.</param>
/// <param name="Ops">Successful requests started and finished inside the window.</param>
/// <param name="OpsPerSecond">Ops divided by Seconds.</param>
/// <param name="LatencyMs">Latency of the successful requests.</param>
/// <param name="ErrorCount">Failed requests inside the window.</param>
/// <param name="Errors">Failed requests by status code or exception type.</param>
/// <param name="TotalRequests">Every request sent, setup and warm-up included (to relate a target's CPU time to its work).</param>
internal sealed record RunResult(
    string Target,
    string Workload,
    string Operation,
    string Endpoint,
    int Concurrency,
    int SetupNodes,
    double WarmupSeconds,
    double Seconds,
    long Ops,
    double OpsPerSecond,
    LatencySummary LatencyMs,
    long ErrorCount,
    IReadOnlyDictionary<string, long> Errors,
    long TotalRequests);
