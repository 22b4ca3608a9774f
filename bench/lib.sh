# Shell helpers both benchmark scripts source (bench/api/run.sh, bench/controlplane/run.sh).
# Expects WORK (the run's temp dir, with CloudMesh's private PostgreSQL under $WORK/home/postgres).

log() { echo "[bench] $*" >&2; }

# Stops a process this script started: TERM, up to 30 s for a clean exit (the server stops its PostgreSQL), then KILL.
stop_pid() {
    local pid=$1 i
    [[ -z $pid ]] && return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for i in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
}

# Stops the private PostgreSQL if the server could not, then removes $WORK (kept with BENCH_KEEP=1, for its logs).
cleanup_work() {
    if [[ -f $WORK/home/postgres/postmaster.pid ]]; then
        pg_ctl stop -D "$WORK/home/postgres" -m fast -w >/dev/null 2>&1 || true
    fi
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
json_field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
