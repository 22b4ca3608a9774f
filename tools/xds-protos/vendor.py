#!/usr/bin/env python3
"""Vendor the canonical Envoy xDS v3 .proto files CloudMesh compiles, with everything they import.

The files come unchanged from npm's @grpc/grpc-js-xds (pinned in package-lock.json), which ships the
Envoy, xds, udpa, protoc-gen-validate and googleapis trees under deps/. Only the transitive import
closure of ROOTS is copied, so the build compiles what the control plane uses and nothing else.
Run after `npm ci` here; the output is committed (source, not generated code)."""
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEPS = os.path.join(HERE, "node_modules", "@grpc", "grpc-js-xds", "deps")
OUT = os.path.join(HERE, "..", "..", "controlplane", "CloudMesh.Xds.Protos", "protos")
# Search roots, in protoc's -I order. google/protobuf/*.proto ship with Grpc.Tools, so they are skipped.
INCLUDES = ["envoy-api", "xds", "protoc-gen-validate", "googleapis"]
ROOTS = [
    "envoy/service/discovery/v3/ads.proto",
    "envoy/config/listener/v3/listener.proto",
    "envoy/config/route/v3/route.proto",
    "envoy/config/cluster/v3/cluster.proto",
    "envoy/config/endpoint/v3/endpoint.proto",
    "envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager.proto",
    "envoy/extensions/filters/network/tcp_proxy/v3/tcp_proxy.proto",
    "envoy/extensions/filters/http/router/v3/router.proto",
    "envoy/extensions/filters/http/fault/v3/fault.proto",
    "envoy/extensions/filters/http/local_ratelimit/v3/local_rate_limit.proto",
    "envoy/extensions/filters/listener/original_dst/v3/original_dst.proto",
    "envoy/extensions/filters/listener/tls_inspector/v3/tls_inspector.proto",
    "envoy/extensions/filters/listener/http_inspector/v3/http_inspector.proto",
    "envoy/extensions/access_loggers/file/v3/file.proto",
    "envoy/extensions/upstreams/http/v3/http_protocol_options.proto",
    "envoy/extensions/transport_sockets/tls/v3/tls.proto",
]
# The protoc-gen-validate copy in that package predates StringRules.ignore_empty, which Envoy's protos
# set; protoc (unlike protobufjs) rejects the unknown option field. Add it with upstream's number (26).
# Validation options never reach the wire, so this changes no message encoding.
PATCHES = {
    "validate/validate.proto": [(
        "        KnownRegex well_known_regex = 24;\n    }\n",
        "        KnownRegex well_known_regex = 24;\n    }\n\n    // Added by CloudMesh's vendor.py (upstream field 26).\n    optional bool ignore_empty = 26;\n",
    )],
}
IMPORT = re.compile(r'^\s*import\s+(?:public\s+|weak\s+)?"([^"]+)"\s*;', re.M)


def locate(rel):
    for inc in INCLUDES:
        path = os.path.join(DEPS, inc, rel)
        if os.path.exists(path):
            return path
    return None


def main():
    if not os.path.isdir(DEPS):
        sys.exit(f"{DEPS} not found: run `npm ci` in {HERE} first")
    seen, queue = {}, list(ROOTS)
    while queue:
        rel = queue.pop()
        if rel in seen or rel.startswith("google/protobuf/"):
            continue
        path = locate(rel)
        if path is None:
            sys.exit(f"cannot find {rel}")
        seen[rel] = path
        with open(path, encoding="utf-8") as f:
            queue.extend(IMPORT.findall(f.read()))
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    for rel, path in sorted(seen.items()):
        dest = os.path.join(OUT, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for old, new in PATCHES.get(rel, []):
            if old not in text:
                sys.exit(f"patch for {rel} no longer applies")
            text = text.replace(old, new, 1)
        with open(dest, "w", encoding="utf-8") as f:
            f.write(text)
    print(f"{len(seen)} files vendored into {os.path.relpath(OUT, os.getcwd())}")


if __name__ == "__main__":
    main()
