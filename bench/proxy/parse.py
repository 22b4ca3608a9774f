#!/usr/bin/env python3
"""Parses wrk outputs and fixed-rate results for bench/proxy/run.sh and prints the markdown report.

Usage: parse.py RESULTS_DIR
RESULTS_DIR holds wrk-<target>.txt (throughput runs), rate-<path>.json (fixed-rate runs of CloudMesh.Bench.Proxy) and
usage-<process>.txt
(lines "rss_kb cpu_seconds wall_seconds" for the proxy processes measured during a fixed-rate run).
"""
import json
import os
import re
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(path):
    """Requests/s and latency percentiles (ms) from `wrk --latency` output."""
    text = open(path).read()
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))}
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        result["p" + pct] = float(m.group(1)) * UNITS[m.group(2)] if m else None
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    result["errors"] = (int(errors.group(1)) if errors else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
    return result


def rate(path):
    """A fixed-rate run's JSON from CloudMesh.Bench.Proxy (latencies in ms)."""
    return json.load(open(path))


def usage(path):
    rss, cpu, wall = (float(x) for x in open(path).read().split())
    return {"rss_mb": rss / 1000.0, "vcpu": cpu / wall if wall > 0 else 0.0}


def fmt(value, digits=2):
    return "—" if value is None else f"{value:,.{digits}f}"


def main(directory):
    names = sorted(os.listdir(directory))
    throughput = {n[4:-4]: wrk(os.path.join(directory, n)) for n in names if n.startswith("wrk-")}
    fixed = {n[5:-5]: rate(os.path.join(directory, n)) for n in names if n.startswith("rate-")}
    used = {n[6:-4]: usage(os.path.join(directory, n)) for n in names if n.startswith("usage-")}

    print("Throughput: `wrk -t1 -c32 --latency`, HTTP/1.1 keep-alive, a 2-byte 200 from nginx on loopback; ratios are to "
          "nginx as a reverse proxy in the same run.")
    print()
    print("| target | requests/s | vs nginx | p50 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    nginx = throughput.get("nginx", {}).get("rps")
    order = ["direct", "nginx", "haproxy", "cloudmesh"]
    for target in sorted(throughput, key=lambda t: order.index(t) if t in order else 99):
        r = throughput[target]
        ratio = f"{r['rps'] / nginx:.2f}×" if nginx else "—"
        print(f"| {target} | {fmt(r['rps'], 0)} | {ratio} | {fmt(r['p50'])} | {fmt(r['p99'])} | {r['errors']} |")

    if fixed:
        print()
        print("Fixed rate: open loop at 1,000 requests/s over 10 keep-alive connections (CloudMesh.Bench.Proxy, latency from "
              "the scheduled send time when the connection was busy); added = the path's percentile minus the direct "
              "connection's in the same run.")
        print()
        print("| path | achieved rps | p50 ms | p99 ms | p99.9 ms | added p50 ms | added p99 ms | non-200 + errors |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        direct = fixed.get("direct")
        for target, r in sorted(fixed.items(), key=lambda kv: kv[0] != "direct"):
            added50 = r["p50"] - direct["p50"] if direct and r["p50"] is not None else None
            added99 = r["p99"] - direct["p99"] if direct and r["p99"] is not None else None
            print(f"| {target} | {fmt(r['achievedRate'], 0)} | {fmt(r['p50'], 3)} | {fmt(r['p99'], 3)} | {fmt(r['p999'], 3)} | "
                  f"{fmt(added50, 3) if target != 'direct' else '—'} | {fmt(added99, 3) if target != 'direct' else '—'} | "
                  f"{r['non200'] + r['errors']} |")

    if used:
        print()
        print("Resources at 1,000 requests/s (per proxy process; VmRSS at the end of the run, CPU = user+system seconds "
              "over the run's wall time):")
        print()
        print("| process | RSS MB | vCPU |")
        print("|---|---:|---:|")
        for target, u in used.items():
            print(f"| {target} | {fmt(u['rss_mb'], 1)} | {fmt(u['vcpu'], 3)} |")


if __name__ == "__main__":
    main(sys.argv[1])
