#!/usr/bin/env bash
# The project's one test command. On a fresh machine of ours it installs what is missing (quietly when
# nothing is), starts ONE throwaway PostgreSQL for the whole run, builds CloudMesh.sln once, runs every
# test project against that server, tears the server down, and ends with one line:
#   N passed, N failed, N skipped
# Usage: ./test.sh [--filter] [EXPRESSION]   (EXPRESSION is passed to `dotnet test --filter`)
# CLOUDMESH_SOLUTION overrides the solution file (for trying this script on a partial solution).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
SOLUTION=${CLOUDMESH_SOLUTION:-CloudMesh.sln}
RESULTS=$ROOT/.artifacts/test-results

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 PYTHONDONTWRITEBYTECODE=1
# Give test hosts time to run their exit handlers (servers they started) before vstest kills them.
export VSTEST_TESTHOST_SHUTDOWN_TIMEOUT=${VSTEST_TESTHOST_SHUTDOWN_TIMEOUT:-10000}

filter=()
if [[ $# -gt 0 ]]; then
    [[ $1 == --filter ]] && shift
    [[ $# -gt 0 ]] && filter=(--filter "$1")
fi

# Installs the Debian packages among "$@" that are not installed yet; silent when none is missing.
ensure_apt() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    echo "test.sh: installing ${missing[*]}"
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Installs a folder's npm packages from its lock file when they are absent or older than the lock: tests/interop (the
# clients and servers CloudMesh did not write) and iac/sdk/nodejs (the Pulumi TypeScript SDK the tests build).
ensure_npm() {
    local dir
    for dir in tests/interop iac/sdk/nodejs; do
        [[ -f $dir/package-lock.json ]] || continue
        if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
            echo "test.sh: npm ci in $dir"
            (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
        fi
    done
}

# PostgreSQL's server programs come with our machines; install them only where they are missing.
if ! command -v initdb >/dev/null && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    ensure_apt postgresql
fi
ensure_apt iptables iproute2   # the VM tests redirect traffic in network namespaces (tests/CloudMesh.EndToEnd.Tests/Vm)
ensure_npm

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/cloudmesh-test-run-XXXXXX")
PG_PID=
cleanup() {
    if [[ -n $PG_PID ]]; then
        exec 3>&-                       # EOF on the helper's stdin: it stops and deletes the cluster
        wait "$PG_PID" 2>/dev/null || true
    fi
    rm -rf "$RUN_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The test-run helpers check themselves first: a broken summary would misreport everything after it.
python3 -m unittest discover -s tools/test-summary -p 'test_*.py' -q 2>"$RUN_DIR/unittest.log" \
    || { cat "$RUN_DIR/unittest.log" >&2; echo "test.sh: tools/test-summary self-test failed" >&2; exit 1; }

# One throwaway cluster for the whole run, run by the same library the tests use (no second copy of the logic).
mkfifo "$RUN_DIR/pg.stdin"
dotnet run --file tools/test-summary/test-postgres.cs -- "$RUN_DIR/pg" "$RUN_DIR/pg.conn" \
    <"$RUN_DIR/pg.stdin" >"$RUN_DIR/pg.log" 2>&1 &
PG_PID=$!
exec 3>"$RUN_DIR/pg.stdin"
until [[ -s $RUN_DIR/pg.conn ]]; do
    if ! kill -0 "$PG_PID" 2>/dev/null; then
        cat "$RUN_DIR/pg.log" >&2
        echo "test.sh: the test PostgreSQL did not start" >&2
        PG_PID=
        exit 1
    fi
    sleep 0.2
done
CLOUDMESH_TEST_PG=$(<"$RUN_DIR/pg.conn")
export CLOUDMESH_TEST_PG
grep -h 'ready on' "$RUN_DIR/pg.log" || true

echo "test.sh: building $SOLUTION"
dotnet build "$SOLUTION" -nologo -v quiet -tl:off -clp:NoSummary

rm -rf "$RESULTS"
status=0
dotnet test "$SOLUTION" --no-build -nologo -tl:off --logger trx --results-directory "$RESULTS" "${filter[@]}" || status=$?

summary_status=0
python3 tools/test-summary/summarize.py "$RESULTS" || summary_status=$?
if [[ $status -ne 0 || $summary_status -ne 0 ]]; then
    exit 1
fi
