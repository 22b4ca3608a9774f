#!/usr/bin/env bash
# cloudmesh-iptables.sh: the transparent redirect of a CloudMesh sidecar on a VM (or in any network namespace), with the
# variables and the rules of App Mesh's proxy route manager (aws-appmesh-proxy-route-manager):
#   outbound TCP to non-local addresses  -> the proxy's egress listener  (APPMESH_ENVOY_EGRESS_PORT, 15001)
#   inbound TCP to APPMESH_APP_PORTS     -> the proxy's ingress listener (APPMESH_ENVOY_INGRESS_PORT, 15000)
# except traffic of the proxy's own UID/GID, to APPMESH_EGRESS_IGNORED_IP, and to APPMESH_EGRESS_IGNORED_PORTS (22 is
# always added, as App Mesh does). The proxy learns where a redirected connection was going from SO_ORIGINAL_DST.
#
# Unlike App Mesh's script, which flushes whole tables to disable routing, this one only touches its own chains
# (CLOUDMESH_INGRESS, CLOUDMESH_EGRESS in the nat table) and the two jumps to them, so a host's other rules survive.
#
# Usage: cloudmesh-iptables.sh enable|disable|clean|status
#   enable   create or refresh the chains from the variables and hook them in (idempotent: run it again after an edit)
#   disable  unhook the chains (traffic flows directly again); the chains stay
#   clean    unhook and delete the chains: nothing of this script is left
#   status   print the chains and hooks
#
# Variables (the systemd unit reads them from /etc/cloudmesh/proxy.env; defaults are App Mesh's):
#   APPMESH_APP_PORTS            comma-separated application ports redirected inbound; empty: no inbound redirect
#   APPMESH_IGNORE_UID           UID whose outbound traffic is not redirected (the proxy's; default 1337)
#   APPMESH_IGNORE_GID           GID whose outbound traffic is not redirected (optional)
#   APPMESH_EGRESS_IGNORED_IP    comma-separated addresses/CIDRs reached directly (default 169.254.169.254,169.254.170.2)
#   APPMESH_EGRESS_IGNORED_PORTS comma-separated destination ports reached directly (22 always added)
#   APPMESH_ENVOY_INGRESS_PORT   default 15000
#   APPMESH_ENVOY_EGRESS_PORT    default 15001
#   APPMESH_ENABLE_IPV6          1: the same rules with ip6tables (IPv6 entries of APPMESH_EGRESS_IGNORED_IP go there)
set -euo pipefail

APPMESH_APP_PORTS=${APPMESH_APP_PORTS-}
APPMESH_IGNORE_UID=${APPMESH_IGNORE_UID-1337}
APPMESH_IGNORE_GID=${APPMESH_IGNORE_GID-}
APPMESH_EGRESS_IGNORED_IP=${APPMESH_EGRESS_IGNORED_IP-169.254.169.254,169.254.170.2}
APPMESH_EGRESS_IGNORED_PORTS=${APPMESH_EGRESS_IGNORED_PORTS-}
APPMESH_ENVOY_INGRESS_PORT=${APPMESH_ENVOY_INGRESS_PORT:-15000}
APPMESH_ENVOY_EGRESS_PORT=${APPMESH_ENVOY_EGRESS_PORT:-15001}
APPMESH_ENABLE_IPV6=${APPMESH_ENABLE_IPV6:-0}

INGRESS_CHAIN=CLOUDMESH_INGRESS
EGRESS_CHAIN=CLOUDMESH_EGRESS
# The hooks, as App Mesh installs them: outbound to anything not on this host, inbound from anything not on this host.
EGRESS_HOOK=(OUTPUT -p tcp -m addrtype ! --dst-type LOCAL -j "$EGRESS_CHAIN")
INGRESS_HOOK=(PREROUTING -p tcp -m addrtype ! --src-type LOCAL -j "$INGRESS_CHAIN")

die() { echo "cloudmesh-iptables: $*" >&2; exit 1; }

# Checks a comma-separated list of ports (empty is fine).
check_ports() {
    local name=$1 value=$2 port
    [[ -z $value ]] && return 0
    IFS=, read -ra ports <<<"$value"
    for port in "${ports[@]}"; do
        [[ $port =~ ^[0-9]+(:[0-9]+)?$ ]] || die "$name: '$port' is not a port (or a first:last range)"
    done
}

validate() {
    [[ -n $APPMESH_IGNORE_UID || -n $APPMESH_IGNORE_GID ]] \
        || die "set APPMESH_IGNORE_UID and/or APPMESH_IGNORE_GID to the proxy's: its own traffic must not be redirected back to it"
    [[ -z $APPMESH_IGNORE_UID || $APPMESH_IGNORE_UID =~ ^[0-9]+$ ]] || die "APPMESH_IGNORE_UID must be a number, not '$APPMESH_IGNORE_UID'"
    [[ -z $APPMESH_IGNORE_GID || $APPMESH_IGNORE_GID =~ ^[0-9]+$ ]] || die "APPMESH_IGNORE_GID must be a number, not '$APPMESH_IGNORE_GID'"
    [[ $APPMESH_ENVOY_INGRESS_PORT =~ ^[0-9]+$ ]] || die "APPMESH_ENVOY_INGRESS_PORT must be a port, not '$APPMESH_ENVOY_INGRESS_PORT'"
    [[ $APPMESH_ENVOY_EGRESS_PORT =~ ^[0-9]+$ ]] || die "APPMESH_ENVOY_EGRESS_PORT must be a port, not '$APPMESH_ENVOY_EGRESS_PORT'"
    check_ports APPMESH_APP_PORTS "$APPMESH_APP_PORTS"
    check_ports APPMESH_EGRESS_IGNORED_PORTS "$APPMESH_EGRESS_IGNORED_PORTS"
}

# The families to configure: iptables always, ip6tables when asked for.
tools() {
    echo iptables
    if [[ $APPMESH_ENABLE_IPV6 == 1 ]]; then
        command -v ip6tables >/dev/null || die "APPMESH_ENABLE_IPV6=1 but ip6tables is not installed"
        echo ip6tables
    fi
}

# The ignored addresses of one family, comma-separated (IPv6 ones contain a colon).
ignored_ips() {
    local tool=$1 ip out=()
    IFS=, read -ra ips <<<"$APPMESH_EGRESS_IGNORED_IP"
    for ip in "${ips[@]}"; do
        ip=${ip// /}
        [[ -z $ip ]] && continue
        if [[ $tool == ip6tables ]]; then [[ $ip == *:* ]] && out+=("$ip"); else [[ $ip != *:* ]] && out+=("$ip"); fi
    done
    (IFS=,; echo "${out[*]}")
}

# Runs iptables/ip6tables on the nat table, waiting for the xtables lock.
nat() { local tool=$1; shift; "$tool" -w 5 -t nat "$@"; }

hook() {
    local tool=$1; shift
    nat "$tool" -C "$@" 2>/dev/null || nat "$tool" -A "$@"
}

unhook() {
    local tool=$1; shift
    while nat "$tool" -C "$@" 2>/dev/null; do nat "$tool" -D "$@"; done
}

chain_exists() { nat "$1" -S "$2" >/dev/null 2>&1; }

enable() {
    validate
    local tool ignored_ports ips port
    ignored_ports=22
    [[ -n $APPMESH_EGRESS_IGNORED_PORTS ]] && ignored_ports="$APPMESH_EGRESS_IGNORED_PORTS,22"
    for tool in $(tools); do
        chain_exists "$tool" "$EGRESS_CHAIN" || nat "$tool" -N "$EGRESS_CHAIN"
        chain_exists "$tool" "$INGRESS_CHAIN" || nat "$tool" -N "$INGRESS_CHAIN"
        # Rebuilt from scratch each time, so enable twice gives the same rules and an edited variable takes effect.
        nat "$tool" -F "$EGRESS_CHAIN"
        nat "$tool" -F "$INGRESS_CHAIN"

        [[ -n $APPMESH_IGNORE_UID ]] && nat "$tool" -A "$EGRESS_CHAIN" -m owner --uid-owner "$APPMESH_IGNORE_UID" -j RETURN
        [[ -n $APPMESH_IGNORE_GID ]] && nat "$tool" -A "$EGRESS_CHAIN" -m owner --gid-owner "$APPMESH_IGNORE_GID" -j RETURN
        # One rule per port (multiport takes at most 15).
        for port in ${ignored_ports//,/ }; do
            nat "$tool" -A "$EGRESS_CHAIN" -p tcp --dport "$port" -j RETURN
        done
        ips=$(ignored_ips "$tool")
        [[ -n $ips ]] && nat "$tool" -A "$EGRESS_CHAIN" -p tcp -d "$ips" -j RETURN
        nat "$tool" -A "$EGRESS_CHAIN" -p tcp -j REDIRECT --to-ports "$APPMESH_ENVOY_EGRESS_PORT"

        for port in ${APPMESH_APP_PORTS//,/ }; do
            nat "$tool" -A "$INGRESS_CHAIN" -p tcp --dport "$port" -j REDIRECT --to-ports "$APPMESH_ENVOY_INGRESS_PORT"
        done

        hook "$tool" "${EGRESS_HOOK[@]}"
        hook "$tool" "${INGRESS_HOOK[@]}"
    done
    echo "cloudmesh-iptables: enabled (egress -> $APPMESH_ENVOY_EGRESS_PORT, app ports ${APPMESH_APP_PORTS:-none} -> $APPMESH_ENVOY_INGRESS_PORT)"
}

disable() {
    local tool
    for tool in $(tools); do
        unhook "$tool" "${EGRESS_HOOK[@]}"
        unhook "$tool" "${INGRESS_HOOK[@]}"
    done
    echo "cloudmesh-iptables: disabled"
}

clean() {
    local tool chain
    for tool in $(tools); do
        unhook "$tool" "${EGRESS_HOOK[@]}"
        unhook "$tool" "${INGRESS_HOOK[@]}"
        for chain in "$EGRESS_CHAIN" "$INGRESS_CHAIN"; do
            if chain_exists "$tool" "$chain"; then
                nat "$tool" -F "$chain"
                nat "$tool" -X "$chain"
            fi
        done
    done
    echo "cloudmesh-iptables: cleaned"
}

status() {
    local tool chain
    for tool in $(tools); do
        echo "=== $tool nat ==="
        nat "$tool" -S OUTPUT | grep -F -- "-j $EGRESS_CHAIN" || echo "# OUTPUT not hooked"
        nat "$tool" -S PREROUTING | grep -F -- "-j $INGRESS_CHAIN" || echo "# PREROUTING not hooked"
        for chain in "$EGRESS_CHAIN" "$INGRESS_CHAIN"; do
            chain_exists "$tool" "$chain" && nat "$tool" -S "$chain" || echo "# no chain $chain"
        done
    done
}

command -v iptables >/dev/null || die "iptables is not installed (Debian/Ubuntu: apt-get install iptables)"
case "${1-}" in
    enable) enable ;;
    disable) disable ;;
    clean) clean ;;
    status) status ;;
    *) echo "usage: $0 enable|disable|clean|status" >&2; exit 2 ;;
esac
