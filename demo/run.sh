#!/usr/bin/env bash
# The CloudMesh demo (issue 4 §4): CloudMesh, two versions of a sample service each behind a CloudMesh sidecar, a
# virtual router splitting 90/10 between them and a virtual gateway in front; then it sends requests through the
# gateway and shows the split, moves the weights to 50/50 through the App Mesh API and shows it again.
#
#   demo/run.sh            # everything in a temp dir; stops what it started on exit (Ctrl-C any time)
#   DEMO_KEEP=1 demo/run.sh  # keeps the temp dir (logs of CloudMesh, the sidecars and the gateway)
#
# No iptables here: every "pod" gets its own loopback address. colors-vN is an app on 127.0.0.1:PORT_N behind its
# sidecar on 127.0.0.1N:PORT_N (the node's DNS name), and the gateway listens on 127.0.0.1:GATEWAY (free ports).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
WORK=$(mktemp -d /tmp/cloudmesh-demo.XXXXXX)
PIDS=()
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
json_field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
cleanup() {
    local pid i
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done; done
    if [[ ${DEMO_KEEP:-0} == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
command -v aws >/dev/null || { echo "the demo declares the mesh with the AWS CLI: pip install awscli" >&2; exit 1; }

say "Building CloudMesh and its proxy (Release)"
mkdir -p "$WORK/bin"
dotnet publish "$ROOT/api/CloudMesh.Api/CloudMesh.Api.csproj" -c Release -o "$WORK/bin/api" --nologo -v quiet >/dev/null
dotnet publish "$ROOT/proxy/CloudMesh.Proxy/CloudMesh.Proxy.csproj" -c Release -o "$WORK/bin/proxy" --nologo -v quiet >/dev/null

API_PORT=$(free_port) XDS_PORT=$(free_port) GATEWAY=$(free_port)
APP_PORT=([1]=$(free_port) [2]=$(free_port))
API=http://127.0.0.1:$API_PORT/
TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
say "Starting CloudMesh: API $API, xDS http://127.0.0.1:$XDS_PORT (its own PostgreSQL under $WORK/home)"
env CLOUDMESH_HOME="$WORK/home" CLOUDMESH_ADMIN_TOKEN="$TOKEN" CLOUDMESH_DEFAULT_TENANT=false \
    CLOUDMESH_XDS_URL="http://127.0.0.1:$XDS_PORT" dotnet "$WORK/bin/api/CloudMesh.Api.dll" --urls "$API" \
    >"$WORK/cloudmesh.log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 600); do
    curl -s -o /dev/null --max-time 2 "${API}readyz" && grep -q "Control plane" "$WORK/cloudmesh.log" && break
    [[ $i == 600 ]] && { cat "$WORK/cloudmesh.log" >&2; exit 1; }
    sleep 0.2
done

admin() { curl -sf -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$3" "${API}admin/v1/$2"; }
ACCOUNT=$(admin POST tenants '{"name":"demo"}' | json_field accountId)
KEYS=$(admin POST "tenants/$ACCOUNT/access-keys" '{}')
export AWS_ACCESS_KEY_ID=$(json_field accessKeyId <<<"$KEYS") AWS_SECRET_ACCESS_KEY=$(json_field secretAccessKey <<<"$KEYS")
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
XDS_TOKEN=$(admin POST "tenants/$ACCOUNT/xds-tokens" '{"description":"demo proxies"}' | json_field token)
am() { echo "  aws appmesh $1 ${*:2:3} ..."; aws appmesh "$@" --endpoint-url "$API" >/dev/null; }

say "Declaring the mesh through the App Mesh API (tenant $ACCOUNT)"
am create-mesh --mesh-name demo
for v in 1 2; do
    am create-virtual-node --mesh-name demo --virtual-node-name "colors-v$v" --spec \
        "{\"listeners\":[{\"portMapping\":{\"port\":${APP_PORT[$v]},\"protocol\":\"http\"}}],\"serviceDiscovery\":{\"dns\":{\"hostname\":\"127.0.0.1$v\"}}}"
done
am create-virtual-router --mesh-name demo --virtual-router-name colors \
    --spec '{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}]}'
route() {
    echo "{\"httpRoute\":{\"match\":{\"prefix\":\"/\"},\"action\":{\"weightedTargets\":[{\"virtualNode\":\"colors-v1\",\"weight\":$1},{\"virtualNode\":\"colors-v2\",\"weight\":$2}]}}}"
}
am create-route --mesh-name demo --virtual-router-name colors --route-name split --spec "$(route 90 10)"
am create-virtual-service --mesh-name demo --virtual-service-name colors.demo.local \
    --spec '{"provider":{"virtualRouter":{"virtualRouterName":"colors"}}}'
am create-virtual-gateway --mesh-name demo --virtual-gateway-name ingress \
    --spec "{\"listeners\":[{\"portMapping\":{\"port\":$GATEWAY,\"protocol\":\"http\"}}]}"
am create-gateway-route --mesh-name demo --virtual-gateway-name ingress --gateway-route-name to-colors \
    --spec '{"httpRoute":{"match":{"prefix":"/"},"action":{"target":{"virtualService":{"virtualServiceName":"colors.demo.local"}}}}}'

say "Starting colors-v1 and colors-v2 (each a Python HTTP server answering its version) and their sidecars"
for v in 1 2; do
    python3 -c "
import http.server
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'colors-v$v\n'
        self.send_response(200); self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(('127.0.0.1', ${APP_PORT[$v]}), H).serve_forever()" >"$WORK/app-v$v.log" 2>&1 &
    PIDS+=($!)
done
proxy() {   # name kind bind-address admin-port [extra env...]
    env APPMESH_RESOURCE_ARN="arn:aws:appmesh:us-east-1:$ACCOUNT:mesh/demo/$2/$1" APPMESH_XDS_ENDPOINT="http://127.0.0.1:$XDS_PORT" \
        CLOUDMESH_XDS_TOKEN="$XDS_TOKEN" ENVOY_ADMIN_ACCESS_PORT="$4" CLOUDMESH_PROXY_BIND_ADDRESS="$3" \
        CLOUDMESH_PROXY_STATE_FILE="$WORK/$1.state" "${@:5}" "$WORK/bin/proxy/CloudMesh.Proxy" >"$WORK/$1.log" 2>&1 &
    PIDS+=($!)
    for i in $(seq 1 300); do
        curl -sf -o /dev/null --max-time 2 "http://$3:$4/ready" && { echo "  $1 ready (admin http://$3:$4/)"; return 0; }
        sleep 0.2
    done
    echo "$1 did not become ready; its log:" >&2; cat "$WORK/$1.log" >&2; exit 1
}
for v in 1 2; do
    proxy "colors-v$v" virtualNode "127.0.0.1$v" "$(free_port)" CLOUDMESH_PROXY_INGRESS_PORT="${APP_PORT[$v]}" CLOUDMESH_PROXY_EGRESS_PORT="$(free_port)"
done
GATEWAY_ADMIN=$(free_port)
say "Starting the virtual gateway on 127.0.0.1:$GATEWAY"
proxy ingress virtualGateway 127.0.0.1 "$GATEWAY_ADMIN"

tally() {
    local n=$1 out
    out=$(for i in $(seq 1 "$n"); do curl -s --max-time 5 "http://127.0.0.1:$GATEWAY/" || echo "(failed)"; done | sort | uniq -c)
    echo "$out" | sed 's/^/  /'
}
wait_for_both() { for i in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$GATEWAY/" && return 0; sleep 0.2; done; }
wait_for_both
say "200 requests through the gateway, route weights 90/10"
tally 200
say "Moving the weights to 50/50 through the App Mesh API (update-route); the proxies get it over ADS, no restart"
am update-route --mesh-name demo --virtual-router-name colors --route-name split --spec "$(route 50 50)"
sleep 2
say "200 requests through the gateway, route weights 50/50"
tally 200
say "The gateway's admin port (Envoy-compatible): http://127.0.0.1:$GATEWAY_ADMIN/stats/prometheus, excerpt"
curl -s "http://127.0.0.1:$GATEWAY_ADMIN/stats/prometheus" | grep -E '^envoy_cluster_upstream_rq_xx|^envoy_cluster_upstream_rq_total' | head -8 | sed 's/^/  /'
say "Done; stopping everything"
