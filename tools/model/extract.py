#!/usr/bin/env python3
"""Writes CloudMesh's copy of the App Mesh 2019-01-25 service model from botocore's.

The copy is botocore's model minus every `documentation` field (prose we do not serve), with keys sorted
so that regenerating from a newer botocore yields a readable diff. Everything else is kept verbatim.

Usage: python3 tools/model/extract.py [--check]
  --check  exit 1 if the committed file differs from what botocore would produce (for CI).
"""
import gzip
import json
import os
import sys

import botocore

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCE = os.path.join(os.path.dirname(botocore.__file__), "data", "appmesh", "2019-01-25", "service-2.json.gz")
TARGET = os.path.join(REPO_ROOT, "api", "CloudMesh.AppMesh.Model", "appmesh-2019-01-25.json")


def strip_documentation(node):
    """Returns a copy of node with every key named 'documentation' removed, at any depth."""
    if isinstance(node, dict):
        return {k: strip_documentation(v) for k, v in node.items() if k != "documentation"}
    if isinstance(node, list):
        return [strip_documentation(v) for v in node]
    return node


def render():
    with gzip.open(SOURCE, "rt", encoding="utf-8") as f:
        model = json.load(f)
    return json.dumps(strip_documentation(model), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main():
    text = render()
    if "--check" in sys.argv[1:]:
        with open(TARGET, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{TARGET} is out of date; run tools/model/extract.py", file=sys.stderr)
                return 1
        print(f"{TARGET} matches botocore {botocore.__version__}")
        return 0
    with open(TARGET, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {TARGET} from botocore {botocore.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
