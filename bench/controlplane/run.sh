#!/usr/bin/env bash
# The control-plane benchmark (issue 3 §6): simulated Envoy ADS clients against one CloudMesh replica (its own
# process, with its own private PostgreSQL), the raw PostgreSQL NOTIFY peer on that same database, and the compile
# time of a 10,000-node mesh. Builds Release into bench/controlplane/.artifacts (apart from everyone's bin/obj),
# tears everything down and prints a markdown report (also bench/controlplane/results/latest.md, raw JSON in
# bench/controlplane/results/latest/).
#
# Usage: bench/controlplane/run.sh [--sizes "100 1000 5000"] [--writes 10] [--compile-nodes 10000] [--compile-runs 7]
#                                  [--notify-samples 200] [--size-timeout 600] [--fleet-warm-writes 5]
# A size whose propagation run exceeds --size-timeout seconds is stopped and left out of the report (said so in the log
# and the report's header), so one too-large size cannot cost the rest of the run.
# --fleet-warm-writes: unmeasured writes with the whole fleet connected before the measured ones (a server in steady
# state, its paths for that many streams jitted); 0 measures the first writes a freshly started server sees.
# Every size gets a fresh CloudMesh process (same database), so each memory reading starts from a clean server.
# Environment: BENCH_KEEP=1 keeps the temp dir (server logs); DOTNET_* you export reaches the server and the generator.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

sizes="100 1000 5000" writes=10 compile_nodes=10000 compile_runs=7 notify_samples=200 size_timeout=600 fleet_warm_writes=5
while [[ $# -gt 0 ]]; do
    case $1 in
        --sizes) sizes=$2 ;;
        --writes) writes=$2 ;;
        --compile-nodes) compile_nodes=$2 ;;
        --compile-runs) compile_runs=$2 ;;
        --notify-samples) notify_samples=$2 ;;
        --size-timeout) size_timeout=$2 ;;
        --fleet-warm-writes) fleet_warm_writes=$2 ;;
        *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
    esac
    shift 2
done

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
ARTIFACTS=$HERE/.artifacts
WORK=$(mktemp -d /tmp/cloudmesh-cpbench.XXXXXX)
CM_PID=""

# shellcheck source=../lib.sh
source "$HERE/../lib.sh"

stop_server() { stop_pid "$CM_PID"; CM_PID=""; }
cleanup() {
    stop_server
    cleanup_work
}
trap cleanup EXIT

log "building Release into $ARTIFACTS"
for project in api/CloudMesh.Api/CloudMesh.Api.csproj bench/controlplane/CloudMesh.Bench.ControlPlane/CloudMesh.Bench.ControlPlane.csproj \
               bench/controlplane/CloudMesh.Bench.HeapProbe/CloudMesh.Bench.HeapProbe.csproj; do
    dotnet build "$ROOT/$project" -c Release --artifacts-path "$ARTIFACTS" -nologo -v q -clp:ErrorsOnly >&2
done
API_DLL=$ARTIFACTS/bin/CloudMesh.Api/release/CloudMesh.Api.dll
BENCH_DLL=$ARTIFACTS/bin/CloudMesh.Bench.ControlPlane/release/CloudMesh.Bench.ControlPlane.dll
PROBE_DLL=$ARTIFACTS/bin/CloudMesh.Bench.HeapProbe/release/CloudMesh.Bench.HeapProbe.dll

token=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
API="" XDS="" HEAP_SOCKET=""
# Starts a fresh CloudMesh process (API + control plane) on new ports; the PostgreSQL under $WORK/home is reused.
# The HeapProbe startup hook answers on $HEAP_SOCKET with the managed heap (no product code involved).
start_server() {
    local port xport i
    port=$(free_port) xport=$(free_port)
    API=http://127.0.0.1:$port/ XDS=http://127.0.0.1:$xport HEAP_SOCKET=$WORK/heap-$1.sock
    log "starting CloudMesh: API $API, xDS $XDS (CLOUDMESH_HOME=$WORK/home)"
    (cd "$WORK" && exec env CLOUDMESH_HOME="$WORK/home" CLOUDMESH_RATE_LIMIT_RPS=0 CLOUDMESH_ADMIN_TOKEN="$token" \
        CLOUDMESH_DEFAULT_TENANT=false CLOUDMESH_XDS_URL="$XDS" CLOUDMESH_REPLICA_ID=bench \
        DOTNET_STARTUP_HOOKS="$PROBE_DLL" CLOUDMESH_BENCH_HEAP_SOCKET="$HEAP_SOCKET" \
        dotnet "$API_DLL" --urls "http://127.0.0.1:$port") >"$WORK/cloudmesh-$1.log" 2>&1 &
    CM_PID=$!
    for i in $(seq 1 600); do
        if curl -s -o /dev/null --max-time 2 "${API}readyz" && grep -q "Control plane" "$WORK/cloudmesh-$1.log"; then return 0; fi
        kill -0 "$CM_PID" 2>/dev/null || { log "CloudMesh exited; its log:"; cat "$WORK/cloudmesh-$1.log" >&2; exit 1; }
        sleep 0.2
    done
    log "CloudMesh did not become ready within 120 s"; exit 1
}
admin() { curl -sf -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$3" "${API}admin/v1/$2"; }

mkdir -p "$WORK/results"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
first=1 skipped=""
for size in $sizes; do
    start_server "$size"
    if [[ $first == 1 ]]; then
        # A tenant of its own with quotas lifted (5,000 nodes in one mesh), its access key and an xDS token; they live
        # in the database, so every later server process of this run sees them.
        account=$(admin POST tenants '{"name":"cpbench"}' | json_field accountId)
        admin PUT "tenants/$account/limits" '{"quotas":{"meshes":100000,"virtualNodesPerMesh":10000000}}' >/dev/null
        keys=$(admin POST "tenants/$account/access-keys" '{}')
        access_key=$(json_field accessKeyId <<<"$keys") secret_key=$(json_field secretAccessKey <<<"$keys")
        xds_token=$(admin POST "tenants/$account/xds-tokens" '{"description":"control-plane benchmark"}' | json_field token)
    fi
    log "propagation with $size simulated proxies, $writes writes (stopped after ${size_timeout}s)"
    status=0
    timeout "$size_timeout" dotnet "$BENCH_DLL" propagation --api "$API" --xds "$XDS" --access-key "$access_key" \
        --secret-key "$secret_key" --xds-token "$xds_token" --server-pid "$CM_PID" --heap-socket "$HEAP_SOCKET" \
        --proxies "$size" --writes "$writes" --fleet-warm-writes "$fleet_warm_writes" --out "$WORK/results/propagation-$size.json" || status=$?
    if [[ $status == 124 ]]; then
        log "size $size did not finish within ${size_timeout}s; left out"; skipped="$skipped $size"
    elif [[ $status != 0 ]]; then
        log "size $size failed (exit $status); server log: $WORK/cloudmesh-$size.log"; exit "$status"
    fi
    if [[ $first == 1 ]]; then
        # The peer, on the same PostgreSQL the server uses (the private cluster CloudMesh provisioned under $WORK/home),
        # while that server idles.
        pg_port=$(sed -n 4p "$WORK/home/postgres/postmaster.pid")
        pg_password=$(cat "$WORK/home/postgres-password")
        log "peer: raw NOTIFY → LISTEN on 127.0.0.1:$pg_port, $notify_samples samples"
        dotnet "$BENCH_DLL" notify --db "Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=postgres" \
            --samples "$notify_samples" --out "$WORK/results/notify.json"
        first=0
    fi
    stop_server
done

log "compile: $compile_nodes virtual nodes, $compile_runs runs"
dotnet "$BENCH_DLL" compile --nodes "$compile_nodes" --runs "$compile_runs" --out "$WORK/results/compile.json"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

report=$(dotnet "$BENCH_DLL" report --dir "$WORK/results")
mkdir -p "$HERE/results/latest"
rm -f "$HERE/results/latest/"*.json
cp "$WORK/results/"*.json "$HERE/results/latest/"
{
    echo "# Control-plane benchmark: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo
    echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem:/{print $2}') GiB, shared by" \
         "the load generator (all simulated proxies in one process), the CloudMesh server and PostgreSQL. Sizes: $sizes;" \
         "$writes measured writes per size${skipped:+ (not finished within ${size_timeout} s, left out:$skipped)}. Load average (1/5/15 min) before: $load_before; after: $load_after" \
         "(other work on the machine makes figures noisy)."
    echo
    echo "$report"
} | tee "$HERE/results/latest.md"
