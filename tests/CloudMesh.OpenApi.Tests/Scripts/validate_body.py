"""Validates the JSON on stdin against one operation's request or success-response schema in openapi.yaml.

Usage: validate_body.py OPENAPI_YAML OPERATION_ID request|response
Exit codes: 0 valid, 1 invalid (errors on stdout), 2 the operation or schema was not found.
OpenAPI 3.0 schema objects are close to JSON Schema draft 4 (boolean exclusiveMinimum, no nullable in use here).
"""

import json
import sys

import jsonschema
import yaml


def find_schema(document, operation_id, part):
    for item in document["paths"].values():
        for operation in item.values():
            if operation.get("operationId") != operation_id:
                continue
            if part == "request":
                return operation["requestBody"]["content"]["application/json"]["schema"]
            success = sorted(status for status in operation["responses"] if status.startswith("2"))[0]
            return operation["responses"][success]["content"]["application/json"]["schema"]
    return None


def main(argv):
    with open(argv[1], encoding="utf-8") as stream:
        document = yaml.safe_load(stream)
    schema = find_schema(document, argv[2], argv[3])
    if schema is None:
        print("no operation " + argv[2])
        return 2
    # allOf keeps the $ref away from sibling keywords; the components travel along so every $ref resolves.
    root = {"components": document["components"], "allOf": [schema]}
    validator = jsonschema.Draft4Validator(root)
    errors = sorted(validator.iter_errors(json.load(sys.stdin)), key=lambda e: list(e.absolute_path))
    for error in errors:
        print("/".join(str(p) for p in error.absolute_path) + ": " + error.message)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
