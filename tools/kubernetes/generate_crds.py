#!/usr/bin/env python3
"""Generates the appmesh.k8s.aws/v1beta2 CustomResourceDefinitions from the App Mesh service model.

The App Mesh controller's CRDs mirror the App Mesh API's spec shapes member for member, with the differences its
pkg/conversions undo (and sdk/CloudMesh.Manifests/Kubernetes/KubernetesSpecConverter undoes the same way):
  - Kubernetes-only members: awsName, meshRef, namespaceSelector, podSelector, gatewayRouteSelector, backendGroups,
    meshOwner, virtualGatewayRef, and a VirtualRouter's embedded routes (RouteSpec plus a name);
  - references: virtualServiceName/virtualNodeName/virtualRouterName/weighted target virtualNode become
    <x>Ref ({name, namespace}) or <x>ARN;
  - certificateArn / certificateAuthorityArns are spelled certificateARN / certificateAuthorityARNs.
So the schemas are generated from api/CloudMesh.AppMesh.Model/appmesh-2019-01-25.json (botocore's model) rather
than written by hand, and stay in step with what the API validates. Run from the repository root:
    python3 tools/kubernetes/generate_crds.py
It writes iac/kubernetes/crds/ and the Helm chart's crds/ (identical). With --check it writes nothing and exits 1
when a file is missing or differs (the Kubernetes tests run it).
"""
import copy
import json
import os
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODEL = os.path.join(ROOT, "api", "CloudMesh.AppMesh.Model", "appmesh-2019-01-25.json")
OUTPUTS = [
    os.path.join(ROOT, "iac", "kubernetes", "crds"),
    os.path.join(ROOT, "iac", "kubernetes", "helm", "cloudmesh", "crds"),
]

ARN_SPELLINGS = {"certificateArn": "certificateARN", "certificateAuthorityArns": "certificateAuthorityARNs"}

STRING = {"type": "string"}
LABEL_SELECTOR = {
    "description": "A label query over a set of resources (metav1.LabelSelector).",
    "type": "object",
    "properties": {
        "matchLabels": {"type": "object", "additionalProperties": {"type": "string"}},
        "matchExpressions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["key", "operator"],
                "properties": {
                    "key": {"type": "string"},
                    "operator": {"type": "string"},
                    "values": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
}
MESH_REF = {
    "description": "The Mesh this object belongs to; the controller designates it from the Mesh's namespaceSelector when absent.",
    "type": "object",
    "required": ["name"],
    "properties": {"name": STRING, "uid": STRING},
}


def ref(kind):
    return {
        "description": f"A {kind} in this cluster; namespace defaults to the referring object's.",
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"type": "string", "minLength": 1}, "namespace": {"type": "string"}},
    }


# Reference members: (shape, API member) -> [(CRD member, schema)].
REFERENCES = {
    ("VirtualServiceBackend", "virtualServiceName"): [("virtualServiceRef", ref("VirtualService")), ("virtualServiceARN", STRING)],
    ("VirtualNodeServiceProvider", "virtualNodeName"): [("virtualNodeRef", ref("VirtualNode")), ("virtualNodeARN", STRING)],
    ("VirtualRouterServiceProvider", "virtualRouterName"): [("virtualRouterRef", ref("VirtualRouter")), ("virtualRouterARN", STRING)],
    ("WeightedTarget", "virtualNode"): [("virtualNodeRef", ref("VirtualNode")), ("virtualNodeARN", STRING)],
    ("GatewayRouteVirtualService", "virtualServiceName"): [("virtualServiceRef", ref("VirtualService")), ("virtualServiceARN", STRING)],
}

AWS_NAME = {"description": "The App Mesh name; defaults to the controller's (<name>_<namespace>, <name>.<namespace> for a VirtualService, <name> for a Mesh).", "type": "string"}

KINDS = [
    # kind, plural, scope, API spec shape, extra members, ARN status member
    ("Mesh", "meshes", "Cluster", "MeshSpec",
     {"awsName": AWS_NAME, "namespaceSelector": LABEL_SELECTOR, "meshOwner": {"description": "The account that owns the mesh.", "type": "string"}},
     "meshARN"),
    ("VirtualNode", "virtualnodes", "Namespaced", "VirtualNodeSpec",
     {"awsName": AWS_NAME, "meshRef": MESH_REF, "podSelector": LABEL_SELECTOR,
      "backendGroups": {"type": "array", "items": {"type": "object", "properties": {"name": STRING, "namespace": STRING}}}},
     "virtualNodeARN"),
    ("VirtualService", "virtualservices", "Namespaced", "VirtualServiceSpec",
     {"awsName": AWS_NAME, "meshRef": MESH_REF}, "virtualServiceARN"),
    ("VirtualRouter", "virtualrouters", "Namespaced", "VirtualRouterSpec",
     {"awsName": AWS_NAME, "meshRef": MESH_REF}, "virtualRouterARN"),
    ("VirtualGateway", "virtualgateways", "Namespaced", "VirtualGatewaySpec",
     {"awsName": AWS_NAME, "meshRef": MESH_REF, "namespaceSelector": LABEL_SELECTOR, "podSelector": LABEL_SELECTOR,
      "gatewayRouteSelector": LABEL_SELECTOR}, "virtualGatewayARN"),
    ("GatewayRoute", "gatewayroutes", "Namespaced", "GatewayRouteSpec",
     {"awsName": AWS_NAME, "meshRef": MESH_REF,
      "virtualGatewayRef": {"description": "The VirtualGateway; designated from gateways' selectors when absent.", "type": "object",
                            "required": ["name"], "properties": {"name": STRING, "namespace": STRING, "uid": STRING}}},
     "gatewayRouteARN"),
]


def schema(shapes, name):
    shape = shapes[name]
    kind = shape["type"]
    if kind == "structure":
        properties = {}
        required = []
        for member, spec in shape["members"].items():
            if (name, member) in REFERENCES:
                for crd_member, crd_schema in REFERENCES[(name, member)]:
                    properties[crd_member] = copy.deepcopy(crd_schema)
                continue
            crd_member = ARN_SPELLINGS.get(member, member)
            properties[crd_member] = schema(shapes, spec["shape"])
            if member in shape.get("required", []):
                required.append(crd_member)
        result = {"type": "object", "properties": properties}
        if required:
            result["required"] = required
        return result
    if kind == "list":
        result = {"type": "array", "items": schema(shapes, shape["member"]["shape"])}
        if "min" in shape:
            result["minItems"] = shape["min"]
        if "max" in shape:
            result["maxItems"] = shape["max"]
        return result
    if kind == "map":
        return {"type": "object", "additionalProperties": schema(shapes, shape["value"]["shape"])}
    if kind == "string":
        result = {"type": "string"}
        if "enum" in shape:
            result["enum"] = list(shape["enum"])
        if "min" in shape:
            result["minLength"] = shape["min"]
        if "max" in shape:
            result["maxLength"] = shape["max"]
        return result
    if kind in ("integer", "long"):
        result = {"type": "integer", "format": "int64" if kind == "long" else "int32"}
        if "min" in shape:
            result["minimum"] = shape["min"]
        if "max" in shape:
            result["maximum"] = shape["max"]
        return result
    if kind == "boolean":
        return {"type": "boolean"}
    if kind in ("double", "float"):
        return {"type": "number"}
    if kind == "timestamp":
        return {"type": "string", "format": "date-time"}
    raise ValueError(f"unsupported shape type {kind} ({name})")


def status(arn_member, kind):
    properties = {
        arn_member: {"description": f"The App Mesh {kind}'s ARN.", "type": "string"},
        "conditions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "status"],
                "properties": {
                    "type": {"type": "string"},
                    "status": {"type": "string", "enum": ["True", "False", "Unknown"]},
                    "lastTransitionTime": {"type": "string", "format": "date-time"},
                    "reason": STRING,
                    "message": STRING,
                },
            },
        },
        "observedGeneration": {"type": "integer", "format": "int64"},
    }
    if kind == "VirtualRouter":
        properties["routeARNs"] = {"description": "Each route's ARN, by route name.", "type": "object", "additionalProperties": STRING}
    return {"type": "object", "properties": properties}


def crd(shapes, kind, plural, scope, spec_shape, extra, arn_member):
    spec = schema(shapes, spec_shape)
    spec["properties"] = {**extra, **spec["properties"]}
    if kind == "VirtualRouter":
        route = schema(shapes, "RouteSpec")
        route["properties"] = {"name": {"type": "string", "minLength": 1, "maxLength": 255}, **route["properties"]}
        route["required"] = ["name"] + route.get("required", [])
        spec["properties"]["routes"] = {"description": "The router's routes (App Mesh Route resources named by 'name').", "type": "array", "items": route}
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {
            "name": f"{plural}.appmesh.k8s.aws",
            "labels": {"app.kubernetes.io/part-of": "cloudmesh"},
            "annotations": {"cloudmesh.io/generated-by": "tools/kubernetes/generate_crds.py"},
        },
        "spec": {
            "group": "appmesh.k8s.aws",
            "names": {"kind": kind, "listKind": f"{kind}List", "plural": plural, "singular": kind.lower()},
            "scope": scope,
            "versions": [{
                "name": "v1beta2",
                "served": True,
                "storage": True,
                "additionalPrinterColumns": [
                    {"name": "ARN", "type": "string", "description": f"The AppMesh {kind} object's Amazon Resource Name", "jsonPath": f".status.{arn_member}"},
                    {"name": "AGE", "type": "date", "jsonPath": ".metadata.creationTimestamp"},
                ],
                "subresources": {"status": {}},
                "schema": {"openAPIV3Schema": {
                    "description": f"{kind} is the Schema for the {plural} API (App Mesh controller appmesh.k8s.aws/v1beta2, served by CloudMesh).",
                    "type": "object",
                    "properties": {
                        "apiVersion": STRING,
                        "kind": STRING,
                        "metadata": {"type": "object"},
                        "spec": spec,
                        "status": status(arn_member, kind),
                    },
                }},
            }],
        },
    }


class NoAliasDumper(yaml.SafeDumper):
    """Writes shared sub-schemas out in full: some YAML tooling does not resolve anchors."""

    def ignore_aliases(self, data):
        return True


def main():
    with open(MODEL, encoding="utf-8") as f:
        shapes = json.load(f)["shapes"]
    check = "--check" in sys.argv[1:]
    stale = []
    for out in OUTPUTS:
        os.makedirs(out, exist_ok=True)
    for kind, plural, scope, spec_shape, extra, arn_member in KINDS:
        text = "# Generated by tools/kubernetes/generate_crds.py from the App Mesh service model; do not edit.\n" + yaml.dump(
            crd(shapes, kind, plural, scope, spec_shape, extra, arn_member), Dumper=NoAliasDumper, sort_keys=False, width=120)
        for out in OUTPUTS:
            path = os.path.join(out, f"appmesh.k8s.aws_{plural}.yaml")
            if check:
                current = open(path, encoding="utf-8").read() if os.path.exists(path) else None
                if current != text:
                    stale.append(os.path.relpath(path, ROOT))
                continue
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    if stale:
        print("out of date (run python3 tools/kubernetes/generate_crds.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
