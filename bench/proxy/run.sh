#!/usr/bin/env bash
# The proxy benchmark (issue 4 §5): the CloudMesh sidecar against nginx and haproxy as reverse proxies and against a
# direct connection, on this machine, in one run. Builds Release into bench/proxy/.artifacts (apart from everyone's
# bin/obj), starts a CloudMesh server (API + control plane, private PostgreSQL under a temp CLOUDMESH_HOME), declares
# a mesh through the App Mesh API with the AWS CLI, runs two sidecars fed by that control plane, and prints a markdown
# report (also bench/proxy/results/latest.md, raw outputs in bench/proxy/results/latest/).
#
#   throughput   wrk -t1 -c32 --latency, HTTP/1.1 keep-alive, 2-byte 200s: direct, nginx, haproxy, CloudMesh ingress
#   added latency  open-loop 1,000 requests/s (CloudMesh.Bench.Proxy): direct vs client sidecar → server sidecar
#   resources    RSS and CPU of each sidecar during the fixed-rate run
#
# Topology without iptables: every "pod" gets its own loopback address. The app (nginx) listens on 127.0.0.1:APP; the
# server sidecar binds its ingress on 127.0.0.3:APP (the virtual node's DNS name is 127.0.0.3); the client sidecar binds
# its egress on 127.0.0.4 and routes Host server.bench.local to 127.0.0.3:APP.
#
# Usage: bench/proxy/run.sh [--duration 10] [--warmup 3] [--rate 1000] [--rate-duration 20] [--connections 32]
#                           [--build aot|jit]
# --build aot (the default) runs the sidecars as they ship, the Native AOT executable (`dotnet publish`; the project
# sets PublishAot); --build jit runs CloudMesh.Proxy.dll on the JIT runtime instead.
# Environment: BENCH_KEEP=1 keeps the temp dir (logs); DOTNET_* you export reaches CloudMesh and the sidecars.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

duration=10 warmup=3 rate=1000 rate_duration=20 connections=32 build=aot
while [[ $# -gt 0 ]]; do
    case $1 in
        --duration) duration=$2 ;;
        --warmup) warmup=$2 ;;
        --rate) rate=$2 ;;
        --rate-duration) rate_duration=$2 ;;
        --connections) connections=$2 ;;
        --build) build=$2 ;;
        *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
    esac
    shift 2
done

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
ARTIFACTS=$HERE/.artifacts
WORK=$(mktemp -d /tmp/cloudmesh-proxybench.XXXXXX)
PIDS=()
# shellcheck source=../lib.sh
source "$HERE/../lib.sh"

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
    for conf in "$WORK"/nginx-*.conf; do [[ -f $conf ]] && nginx -c "$conf" -p "$WORK" -s stop 2>/dev/null || true; done
    cleanup_work
}
trap cleanup EXIT

missing=()
for tool in nginx haproxy wrk; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [[ ${#missing[@]} -gt 0 ]]; then
    log "installing ${missing[*]}"
    sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v aws >/dev/null || { log "the AWS CLI is needed to declare the mesh (pip install awscli)"; exit 1; }

log "building Release into $ARTIFACTS"
for project in api/CloudMesh.Api/CloudMesh.Api.csproj proxy/CloudMesh.Proxy/CloudMesh.Proxy.csproj \
               bench/proxy/CloudMesh.Bench.Proxy/CloudMesh.Bench.Proxy.csproj; do
    dotnet build "$ROOT/$project" -c Release --artifacts-path "$ARTIFACTS" -nologo -v q -clp:ErrorsOnly >&2
done
API_DLL=$ARTIFACTS/bin/CloudMesh.Api/release/CloudMesh.Api.dll
PROXY_CMD=(dotnet "$ARTIFACTS/bin/CloudMesh.Proxy/release/CloudMesh.Proxy.dll")
build_name="CloudMesh.Proxy.dll on the JIT runtime (--build jit)"
case $build in
    jit) ;;
    aot)
        log "publishing the sidecar with Native AOT"
        dotnet publish "$ROOT/proxy/CloudMesh.Proxy/CloudMesh.Proxy.csproj" -c Release -r linux-x64 \
            --artifacts-path "$ARTIFACTS" -nologo -v q -clp:ErrorsOnly >&2
        PROXY_CMD=("$ARTIFACTS/publish/CloudMesh.Proxy/release_linux-x64/CloudMesh.Proxy")
        build_name="the Native AOT executable (--build aot)" ;;
    *) echo "--build is jit or aot" >&2; exit 2 ;;
esac
LOAD_DLL=$ARTIFACTS/bin/CloudMesh.Bench.Proxy/release/CloudMesh.Bench.Proxy.dll

APP=$(free_port) NGINX=$(free_port) HAPROXY=$(free_port) EGRESS=$(free_port)
RESULTS=$WORK/results
mkdir -p "$RESULTS"

# The app: nginx answering a 2-byte 200, one worker. The peers: nginx and haproxy as plain reverse proxies to it.
cat >"$WORK/nginx-app.conf" <<CONF
worker_processes 1;
pid $WORK/nginx-app.pid;
error_log $WORK/nginx-app.err;
events { worker_connections 4096; }
http { access_log off; server { listen 127.0.0.1:$APP; keepalive_requests 1000000; location / { return 200 "ok"; } } }
CONF
cat >"$WORK/nginx-proxy.conf" <<CONF
worker_processes auto;
pid $WORK/nginx-proxy.pid;
error_log $WORK/nginx-proxy.err;
events { worker_connections 4096; }
http {
  access_log off;
  upstream app { server 127.0.0.1:$APP; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX; keepalive_requests 1000000;
    location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
cat >"$WORK/haproxy.cfg" <<CONF
global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
  option http-keep-alive
frontend f
  bind 127.0.0.1:$HAPROXY
  default_backend app
backend app
  http-reuse always
  server app 127.0.0.1:$APP
CONF
nginx -c "$WORK/nginx-app.conf" -p "$WORK"
nginx -c "$WORK/nginx-proxy.conf" -p "$WORK"
haproxy -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
PIDS+=($!)

# CloudMesh: API + control plane, then the mesh through the App Mesh API as a user would declare it.
token=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
port=$(free_port) xport=$(free_port)
API=http://127.0.0.1:$port/ XDS=http://127.0.0.1:$xport
(cd "$WORK" && exec env CLOUDMESH_HOME="$WORK/home" CLOUDMESH_ADMIN_TOKEN="$token" CLOUDMESH_DEFAULT_TENANT=false \
    CLOUDMESH_XDS_URL="$XDS" dotnet "$API_DLL" --urls "http://127.0.0.1:$port") >"$WORK/cloudmesh.log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 600); do
    curl -s -o /dev/null --max-time 2 "${API}readyz" && grep -q "Control plane" "$WORK/cloudmesh.log" && break
    [[ $i == 600 ]] && { log "CloudMesh did not become ready; log:"; cat "$WORK/cloudmesh.log" >&2; exit 1; }
    sleep 0.2
done
admin() { curl -sf -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$3" "${API}admin/v1/$2"; }
account=$(admin POST tenants '{"name":"proxybench"}' | json_field accountId)
keys=$(admin POST "tenants/$account/access-keys" '{}')
export AWS_ACCESS_KEY_ID=$(json_field accessKeyId <<<"$keys") AWS_SECRET_ACCESS_KEY=$(json_field secretAccessKey <<<"$keys")
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
xds_token=$(admin POST "tenants/$account/xds-tokens" '{"description":"proxy benchmark"}' | json_field token)
am() { aws appmesh "$@" --endpoint-url "$API" >/dev/null; }
am create-mesh --mesh-name bench
am create-virtual-node --mesh-name bench --virtual-node-name server --spec \
    "{\"listeners\":[{\"portMapping\":{\"port\":$APP,\"protocol\":\"http\"}}],\"serviceDiscovery\":{\"dns\":{\"hostname\":\"127.0.0.3\"}}}"
am create-virtual-service --mesh-name bench --virtual-service-name server.bench.local --spec \
    '{"provider":{"virtualNode":{"virtualNodeName":"server"}}}'
am create-virtual-node --mesh-name bench --virtual-node-name client --spec \
    '{"backends":[{"virtualService":{"virtualServiceName":"server.bench.local"}}]}'

# Starts a sidecar for virtual node $1 bound on $2 with the ingress/egress listeners on $3/$4; sets SIDECAR_PID.
start_sidecar() {
    local admin_port
    admin_port=$(free_port)
    (cd "$WORK" && exec env APPMESH_RESOURCE_ARN="arn:aws:appmesh:us-east-1:$account:mesh/bench/virtualNode/$1" \
        APPMESH_XDS_ENDPOINT="$XDS" CLOUDMESH_XDS_TOKEN="$xds_token" ENVOY_ADMIN_ACCESS_PORT="$admin_port" \
        CLOUDMESH_PROXY_BIND_ADDRESS="$2" CLOUDMESH_PROXY_INGRESS_PORT="$3" CLOUDMESH_PROXY_EGRESS_PORT="$4" \
        CLOUDMESH_PROXY_STATE_FILE="$WORK/$1.state" "${PROXY_CMD[@]}") >"$WORK/sidecar-$1.log" 2>&1 &
    SIDECAR_PID=$!
    PIDS+=("$SIDECAR_PID")
    for i in $(seq 1 300); do
        curl -sf -o /dev/null --max-time 2 "http://$2:$admin_port/ready" && return 0
        kill -0 "$SIDECAR_PID" 2>/dev/null || { log "sidecar $1 exited; log:"; cat "$WORK/sidecar-$1.log" >&2; exit 1; }
        sleep 0.2
    done
    log "sidecar $1 not ready within 60 s"; cat "$WORK/sidecar-$1.log" >&2; exit 1
}
start_sidecar server 127.0.0.3 "$APP" "$(free_port)"
SERVER_PID=$SIDECAR_PID
start_sidecar client 127.0.0.4 "$(free_port)" "$EGRESS"
CLIENT_PID=$SIDECAR_PID
for url in "http://127.0.0.3:$APP/" ; do
    for i in $(seq 1 100); do curl -sf -o /dev/null "$url" && break; sleep 0.2; done
done
for i in $(seq 1 100); do curl -sf -o /dev/null -H "Host: server.bench.local:$APP" "http://127.0.0.4:$EGRESS/" && break; sleep 0.2; done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# Throughput: a warm-up run each (JIT tiering, pools), then the measured run.
declare -A targets=([direct]="http://127.0.0.1:$APP/" [nginx]="http://127.0.0.1:$NGINX/" [haproxy]="http://127.0.0.1:$HAPROXY/"
                    [cloudmesh]="http://127.0.0.3:$APP/")
for target in direct nginx haproxy cloudmesh; do
    log "wrk: $target"
    wrk -t1 -c"$connections" -d"${warmup}s" "${targets[$target]}" >/dev/null
    wrk -t1 -c"$connections" -d"${duration}s" --latency "${targets[$target]}" >"$RESULTS/wrk-$target.txt"
done

# Added latency at a fixed rate: direct vs two hops through both sidecars; each sidecar's RSS and CPU over the run.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{print ($14+$15)/hz}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/{print $2}' "/proc/$1/status"; }
fixed() {
    dotnet "$LOAD_DLL" --url "$2" --host "$3" --rate "$rate" --connections 10 --warmup "$warmup" \
        --duration "$rate_duration" --out "$RESULTS/rate-$1.json" >/dev/null
}
log "fixed rate: direct"
fixed direct "http://127.0.0.1:$APP/" "127.0.0.1:$APP"
log "fixed rate: two hops (client sidecar → server sidecar → app)"
c0=$(cpu_seconds "$CLIENT_PID") s0=$(cpu_seconds "$SERVER_PID") t0=$(date +%s.%N)
fixed two-hop "http://127.0.0.4:$EGRESS/" "server.bench.local:$APP"
t1=$(date +%s.%N)
echo "$(rss_kb "$CLIENT_PID") $(python3 -c "print($(cpu_seconds "$CLIENT_PID") - $c0)") $(python3 -c "print($t1 - $t0)")" >"$RESULTS/usage-client-sidecar.txt"
echo "$(rss_kb "$SERVER_PID") $(python3 -c "print($(cpu_seconds "$SERVER_PID") - $s0)") $(python3 -c "print($t1 - $t0)")" >"$RESULTS/usage-server-sidecar.txt"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

report=$(python3 "$HERE/parse.py" "$RESULTS")
mkdir -p "$HERE/results/latest"
rm -f "$HERE/results/latest/"*
cp "$RESULTS/"* "$HERE/results/latest/"
{
    echo "# Proxy benchmark: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo
    echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), shared by the load generator, the" \
         "proxies, the app and CloudMesh. nginx $(nginx -v 2>&1 | cut -d/ -f2) (worker_processes auto), haproxy" \
         "$(haproxy -v | head -1 | cut -d' ' -f3), app = nginx with one worker. Load average (1/5/15 min) before: $load_before;" \
         "after: $load_after (other work on the machine makes figures noisy). Sidecars: $build_name."
    echo
    echo "$report"
} | tee "$HERE/results/latest.md"
