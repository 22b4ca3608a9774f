"""Prints a YAML file as JSON, so the C# tests can read openapi.yaml with System.Text.Json."""

import json
import sys

import yaml

with open(sys.argv[1], encoding="utf-8") as stream:
    json.dump(yaml.safe_load(stream), sys.stdout, ensure_ascii=False)
