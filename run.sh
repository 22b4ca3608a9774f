#!/usr/bin/env bash
# The project's one run command: builds CloudMesh (Release) and starts the API on $ASPNETCORE_URLS or --urls
# (default http://127.0.0.1:8080) and the control plane's xDS (gRPC ADS) listener on $CLOUDMESH_XDS_URL (default
# http://127.0.0.1:8081; "off" disables it). Without CLOUDMESH_DB it provisions a private PostgreSQL under
# $CLOUDMESH_HOME (default ~/.cloudmesh) and reuses it, with its data, on every later start.
# Extra arguments go to the server, e.g.  ./run.sh --urls http://0.0.0.0:8080
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# PostgreSQL's server programs come with our machines; install them only where they are missing.
if ! command -v initdb >/dev/null && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

out=.artifacts/run
dotnet publish api/CloudMesh.Api/CloudMesh.Api.csproj -c Release -o "$out" --nologo -v quiet >/dev/null
exec dotnet "$out/CloudMesh.Api.dll" "$@"
