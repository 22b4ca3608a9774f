"""Translates botocore's App Mesh model (rest-json) into OpenAPI 3.0 path items and component schemas."""

import gzip
import hashlib
import html
import json
import os
import re

API_VERSION = "2019-01-25"
ERROR_TYPE_HEADER = "x-amzn-ErrorType"
_VERBS = ("Create", "Delete", "Describe", "List", "Update")
_KINDS = ("GatewayRoute", "Mesh", "Route", "VirtualGateway", "VirtualNode", "VirtualRouter", "VirtualService")
_TAG_OPERATIONS = ("ListTagsForResource", "TagResource", "UntagResource")
_METHODS = ("get", "put", "post", "delete")


def default_model_path():
    """The model botocore ships on this machine."""
    import botocore  # Imported lazily so --model works without botocore.

    return os.path.join(os.path.dirname(botocore.__file__), "data", "appmesh", API_VERSION, "service-2.json.gz")


def load_model(path):
    """Returns (model, sha256 of the uncompressed JSON) so the document records exactly what it came from."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as stream:
        raw = stream.read()
    return json.loads(raw), hashlib.sha256(raw).hexdigest()


def plain_text(documentation):
    """The model's HTML documentation as one line of text (tags dropped, entities decoded)."""
    text = re.sub(r"<[^>]+>", " ", documentation or "")
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def resource_tag(operation_name):
    """Groups operations by the resource kind they act on (Mesh, VirtualNode, ...), tagging ones under Tags."""
    if operation_name in _TAG_OPERATIONS:
        return "Tags"
    for verb in _VERBS:
        if operation_name.startswith(verb):
            rest = operation_name[len(verb):]
            for kind in _KINDS:
                if rest in (kind, kind + "s", kind + "es"):
                    return kind
    raise ValueError("no resource kind for operation " + operation_name)


def ref(name):
    return {"$ref": "#/components/schemas/" + name}


def _with_description(target, documentation):
    text = plain_text(documentation)
    if text:
        target["description"] = text
    return target


class AppMeshTranslator:
    """Builds the App Mesh half of the document. Create one per model; call paths() before schemas()."""

    def __init__(self, model):
        if model["metadata"]["protocol"] != "rest-json":
            raise ValueError("only rest-json models are supported")
        self._model = model
        self._shapes = model["shapes"]
        self._schemas = {}
        # Structures a client sends: these reject unknown members (additionalProperties: false).
        self._request_shapes = set()
        self._response_shapes = set()

    def tags(self):
        """Tag objects for every resource kind, in name order."""
        names = sorted({resource_tag(name) for name in self._model["operations"]})
        return [{"name": name, "description": "App Mesh operations on " + name + " resources."} for name in names]

    def paths(self):
        """Path items keyed by the model's request URI; one operation per model operation."""
        paths = {}
        for name in sorted(self._model["operations"]):
            operation = self._model["operations"][name]
            http = operation["http"]
            path = http["requestUri"]
            if "?" in path:
                raise ValueError(name + ": query strings in requestUri are not supported")
            method = http["method"].lower()
            item = paths.setdefault(path, {})
            if method in item:
                raise ValueError(name + ": duplicate " + method + " " + path)
            item[method] = self._operation(name, operation)
        # Methods in a fixed order inside each path item, paths sorted, so the output is stable.
        return {path: {m: paths[path][m] for m in _METHODS if m in paths[path]} for path in sorted(paths)}

    def schemas(self):
        """Component schemas for every shape the paths reached, plus the synthesized request bodies."""
        for name in sorted(self._request_shapes):
            schema = self._schemas.get(name)
            if schema is not None and schema.get("type") == "object":
                schema["additionalProperties"] = False
        return {name: self._schemas[name] for name in sorted(self._schemas)}

    def _operation(self, name, operation):
        http = operation["http"]
        result = {"tags": [resource_tag(name)], "operationId": name}
        summary = plain_text(operation.get("documentation"))
        if summary:
            result["description"] = summary
        parameters, body_schema = self._input(name, operation.get("input", {}).get("shape"), http["requestUri"])
        if parameters:
            result["parameters"] = parameters
        if body_schema is not None:
            result["requestBody"] = {"required": True, "content": {"application/json": {"schema": body_schema}}}
        responses = {str(http.get("responseCode", 200)): self._success(operation.get("output", {}).get("shape"))}
        for status, codes in sorted(self._errors(operation).items()):
            responses[str(status)] = self._error_response(codes)
        result["responses"] = responses
        result["security"] = [{"sigv4": []}]
        return result

    def _input(self, operation_name, shape_name, request_uri):
        if shape_name is None:
            return [], None
        shape = self._shapes[shape_name]
        required = set(shape.get("required", []))
        parameters = []
        body_members = {}
        for member_name, member in shape["members"].items():
            location = member.get("location")
            if location is None:
                body_members[member_name] = member
                continue
            if location not in ("uri", "querystring", "header"):
                raise ValueError(shape_name + "." + member_name + ": unsupported location " + location)
            wire_name = member.get("locationName", member_name)
            if location == "uri" and "{" + wire_name + "}" not in request_uri:
                raise ValueError(shape_name + "." + member_name + ": not in " + request_uri)
            parameter = {
                "name": wire_name,
                "in": {"uri": "path", "querystring": "query", "header": "header"}[location],
            }
            _with_description(parameter, member.get("documentation"))
            parameter["required"] = location == "uri" or member_name in required
            parameter["schema"] = self._schema_ref(member["shape"], self._request_shapes)
            parameters.append(parameter)
        if not body_members:
            return parameters, None
        body_name = operation_name + "RequestBody"
        if body_name in self._shapes:
            raise ValueError(body_name + " collides with a model shape")
        self._schemas[body_name] = self._structure(shape, body_members, self._request_shapes)
        self._request_shapes.add(body_name)
        return parameters, ref(body_name)

    def _success(self, shape_name):
        response = {"description": "Success."}
        if shape_name is None:
            return response
        shape = self._shapes[shape_name]
        located = [m for m, member in shape["members"].items() if "location" in member]
        if located:
            raise ValueError(shape_name + ": located output members are not supported: " + ", ".join(located))
        payload = shape.get("payload")
        # A payload output's body is the payload member's shape itself, not a wrapper object.
        target = shape["members"][payload]["shape"] if payload else shape_name
        response["content"] = {"application/json": {"schema": self._schema_ref(target, self._response_shapes)}}
        return response

    def _errors(self, operation):
        by_status = {}
        for error in operation.get("errors", []):
            shape = self._shapes[error["shape"]]
            status = shape["error"]["httpStatusCode"]
            by_status.setdefault(status, []).append(error["shape"])
        return by_status

    @staticmethod
    def _error_response(codes):
        return {
            "description": " or ".join(codes) + ".",
            "headers": {
                ERROR_TYPE_HEADER: {
                    "description": "The error code.",
                    "required": True,
                    "schema": {"type": "string", "enum": list(codes)},
                }
            },
            "content": {"application/json": {"schema": ref("ErrorBody")}},
        }

    def _schema_ref(self, shape_name, direction):
        self._add_shape(shape_name, direction)
        return ref(shape_name)

    def _add_shape(self, name, direction):
        # Walk again when a shape first seen in one direction shows up in the other.
        if name in direction:
            return
        direction.add(name)
        shape = self._shapes[name]
        if shape.get("exception"):
            raise ValueError(name + ": exceptions are not body shapes")
        kind = shape["type"]
        if kind == "structure":
            self._schemas[name] = self._structure(shape, shape["members"], direction)
        elif kind == "list":
            schema = {"type": "array", "items": self._schema_ref(shape["member"]["shape"], direction)}
            self._bounds(schema, shape, "minItems", "maxItems")
            self._schemas[name] = _with_description(schema, shape.get("documentation"))
        else:
            self._schemas[name] = _with_description(self._primitive(name, shape), shape.get("documentation"))

    def _structure(self, shape, members, direction):
        schema = _with_description({"type": "object"}, shape.get("documentation"))
        if shape.get("union"):
            # Exactly one member of a union may be set; with additionalProperties false on requests, this validates.
            note = "Union: exactly one member must be set."
            schema["description"] = (note + " " + schema.get("description", "")).strip()
            schema["minProperties"] = 1
            schema["maxProperties"] = 1
        required = [m for m in shape.get("required", []) if m in members]
        if required:
            schema["required"] = required
        schema["properties"] = {
            member_name: self._schema_ref(member["shape"], direction) for member_name, member in members.items()
        }
        return schema

    def _primitive(self, name, shape):
        kind = shape["type"]
        if kind == "string":
            schema = {"type": "string"}
            if "enum" in shape:
                schema["enum"] = list(shape["enum"])
            self._bounds(schema, shape, "minLength", "maxLength")
            if "pattern" in shape:
                schema["pattern"] = shape["pattern"]
            return schema
        if kind in ("integer", "long"):
            schema = {"type": "integer", "format": "int32" if kind == "integer" else "int64"}
            self._bounds(schema, shape, "minimum", "maximum")
            return schema
        if kind == "boolean":
            return {"type": "boolean"}
        if kind == "timestamp":
            return {"type": "number", "description": "Epoch seconds (a JSON number, may have a fraction)."}
        raise ValueError(name + ": unsupported shape type " + kind)

    @staticmethod
    def _bounds(schema, shape, low, high):
        if "min" in shape:
            schema[low] = shape["min"]
        if "max" in shape:
            schema[high] = shape["max"]
