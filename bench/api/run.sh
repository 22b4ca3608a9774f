#!/usr/bin/env bash
# The API benchmark: CloudMesh (API + its private PostgreSQL) and moto_server side by side in one run.
# Builds Release into bench/api/.artifacts (apart from everyone's bin/obj), starts both servers on free loopback
# ports, runs each workload against each with the same closed-loop load, tears everything down and prints a
# markdown table (also written to bench/api/results/latest.md, raw JSON to bench/api/results/latest/).
#
# Usage: bench/api/run.sh [--concurrency 16] [--duration 10] [--warmup 3] [--nodes 100] [--prime 5]
#                         [--workloads "describe list update create"] [--targets "cloudmesh moto"]
# --prime S runs every workload against every target for S unmeasured seconds first, so the servers' JIT tiering,
# pools and caches are warm before any measurement (0 skips it).
# Environment: BENCH_KEEP=1 keeps the temp dir (server logs); anything DOTNET_* you export reaches both the server
# and the load generator (e.g. DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

concurrency=16 duration=10 warmup=3 nodes=100 prime=5
workloads="describe list update create" targets="cloudmesh moto"
while [[ $# -gt 0 ]]; do
    case $1 in
        --concurrency) concurrency=$2 ;;
        --duration) duration=$2 ;;
        --warmup) warmup=$2 ;;
        --nodes) nodes=$2 ;;
        --prime) prime=$2 ;;
        --workloads) workloads=$2 ;;
        --targets) targets=$2 ;;
        *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
    esac
    shift 2
done

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 PYTHONDONTWRITEBYTECODE=1
ARTIFACTS=$HERE/.artifacts
WORK=$(mktemp -d /tmp/cloudmesh-bench.XXXXXX)
CM_PID="" MOTO_PID=""

# shellcheck source=../lib.sh
source "$HERE/../lib.sh"

cleanup() {
    stop_pid "$CM_PID"
    stop_pid "$MOTO_PID"
    cleanup_work
}
trap cleanup EXIT

# Waits until $2 answers, failing early when process $1 has died.
wait_for() {
    local pid=$1 url=$2 name=$3 i
    for i in $(seq 1 600); do
        curl -s -o /dev/null --max-time 2 "$url" && return 0
        kill -0 "$pid" 2>/dev/null || { log "$name exited; its log:"; cat "$WORK/$name.log" >&2; exit 1; }
        sleep 0.2
    done
    log "$name did not answer $url within 120 s"; exit 1
}

log "building Release into $ARTIFACTS"
for project in api/CloudMesh.Api/CloudMesh.Api.csproj bench/api/CloudMesh.Bench.Api/CloudMesh.Bench.Api.csproj; do
    dotnet build "$ROOT/$project" -c Release --artifacts-path "$ARTIFACTS" -nologo -v q -clp:ErrorsOnly >&2
done
API_DLL=$ARTIFACTS/bin/CloudMesh.Api/release/CloudMesh.Api.dll
BENCH_DLL=$ARTIFACTS/bin/CloudMesh.Bench.Api/release/CloudMesh.Bench.Api.dll

declare -A ENDPOINT KEY SECRET
if [[ " $targets " == *" cloudmesh "* ]]; then
    port=$(free_port)
    token=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
    log "starting CloudMesh on 127.0.0.1:$port (CLOUDMESH_HOME=$WORK/home, rate limit off)"
    (cd "$WORK" && exec env CLOUDMESH_HOME="$WORK/home" CLOUDMESH_RATE_LIMIT_RPS=0 CLOUDMESH_ADMIN_TOKEN="$token" \
        CLOUDMESH_DEFAULT_TENANT=false dotnet "$API_DLL" --urls "http://127.0.0.1:$port") >"$WORK/cloudmesh.log" 2>&1 &
    CM_PID=$!
    ENDPOINT[cloudmesh]=http://127.0.0.1:$port/
    wait_for "$CM_PID" "${ENDPOINT[cloudmesh]}readyz" cloudmesh
    admin() { curl -sf -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$3" "${ENDPOINT[cloudmesh]}admin/v1/$2"; }
    # A tenant of its own, with quotas lifted: the create workload makes thousands of nodes in one mesh.
    account=$(admin POST tenants '{"name":"bench"}' | json_field accountId)
    admin PUT "tenants/$account/limits" '{"quotas":{"meshes":100000,"virtualNodesPerMesh":10000000}}' >/dev/null
    keys=$(admin POST "tenants/$account/access-keys" '{}')
    KEY[cloudmesh]=$(json_field accessKeyId <<<"$keys")
    SECRET[cloudmesh]=$(json_field secretAccessKey <<<"$keys")
fi
if [[ " $targets " == *" moto "* ]]; then
    port=$(free_port)
    log "starting moto_server on 127.0.0.1:$port"
    moto_server -H 127.0.0.1 -p "$port" >"$WORK/moto.log" 2>&1 &
    MOTO_PID=$!
    ENDPOINT[moto]=http://127.0.0.1:$port/
    wait_for "$MOTO_PID" "${ENDPOINT[moto]}moto-api/" moto
    # moto accepts any credentials; it routes by the service named in the SigV4 scope.
    KEY[moto]=AKIABENCHMOTO0000000 SECRET[moto]=bench-secret-for-moto
fi

# CPU clock ticks used so far by a target's processes: the server, and for CloudMesh its PostgreSQL (postmaster,
# live backends, and backends already reaped, which the kernel adds to the postmaster's cutime/cstime).
ticks_of() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
server_ticks() { local pid=${SERVER_PID[$1]}; ticks_of "$pid"; }
postgres_ticks() {
    local pm t=0 child
    [[ $1 == cloudmesh && -f $WORK/home/postgres/postmaster.pid ]] || { echo 0; return; }
    pm=$(head -1 "$WORK/home/postgres/postmaster.pid")
    t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
    for child in $(pgrep -P "$pm"); do t=$((t + $(ticks_of "$child"))); done
    echo "$t"
}
declare -A SERVER_PID=([cloudmesh]=$CM_PID [moto]=$MOTO_PID)

drive() { # target workload warmup duration nodes out
    dotnet "$BENCH_DLL" run --endpoint "${ENDPOINT[$1]}" --target "$1" --workload "$2" --access-key "${KEY[$1]}" \
        --secret-key "${SECRET[$1]}" --concurrency "$concurrency" --warmup "$3" --duration "$4" --nodes "$5" --out "$6" >/dev/null
}

if [[ $prime != 0 ]]; then
    for target in $targets; do
        for workload in $workloads; do
            log "priming: $workload against $target for ${prime}s (not measured)"
            drive "$target" "$workload" 0 "$prime" 10 /dev/null
        done
    done
fi

mkdir -p "$WORK/results"
: >"$WORK/cpu.tsv"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for workload in $workloads; do
    for target in $targets; do
        log "$workload against $target ($concurrency workers, ${warmup}s warm-up + ${duration}s)"
        s0=$(server_ticks "$target") p0=$(postgres_ticks "$target")
        drive "$target" "$workload" "$warmup" "$duration" "$nodes" "$WORK/results/$target.$workload.json"
        s1=$(server_ticks "$target") p1=$(postgres_ticks "$target")
        requests=$(json_field totalRequests <"$WORK/results/$target.$workload.json")
        printf '%s\t%s\t%s\t%s\t%s\n' "$target" "$workload" "$requests" $((s1 - s0)) $((p1 - p0)) >>"$WORK/cpu.tsv"
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

set -- $targets
report=$(dotnet "$BENCH_DLL" report --dir "$WORK/results" --subject "$1" --baseline "${2:-none}")
mkdir -p "$HERE/results/latest"
rm -f "$HERE/results/latest/"*.json
cp "$WORK/results/"*.json "$HERE/results/latest/"
{
    echo "# API benchmark: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo
    echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), shared by the load generator, the server" \
         "and (for CloudMesh) PostgreSQL. $concurrency closed-loop signed clients, ${warmup} s warm-up + ${duration} s measured" \
         "per workload and target; $nodes nodes per mesh. Load average before/after: $load_before / $load_after" \
         "(other work on the machine makes figures noisy)."
    echo
    echo "$report"
    echo
    echo "Server-side CPU per request (whole run incl. setup and warm-up; from /proc, so only as exact as the clock tick):"
    echo
    echo "| target | workload | requests | server CPU µs/request | PostgreSQL CPU µs/request |"
    echo "|---|---|---:|---:|---:|"
    awk -F'\t' -v hz="$(getconf CLK_TCK)" '{ printf "| %s | %s | %d | %.0f | %s |\n", $1, $2, $3, $4 / hz / $3 * 1e6,
        ($1 == "cloudmesh" ? sprintf("%.0f", $5 / hz / $3 * 1e6) : "–") }' "$WORK/cpu.tsv"
} | tee "$HERE/results/latest.md"
