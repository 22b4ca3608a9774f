"""Drives all 38 App Mesh operations through the AWS CLI (its own entry point, awscli.clidriver, in one process so
~80 commands do not pay ~0.5 s of start-up each) and reports every step: exit code, parsed JSON output, stderr, and
the operations the CLI actually called with their HTTP status (from botocore's after-call event).

Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY as for any CLI user.
"""
import contextlib
import io
import json

import botocore.session
from awscli.clidriver import create_clidriver

import cm_common

MESH = "cli-mesh"
driver = create_clidriver()
calls = []


def record_call(http_response, model, **_):
    calls.append({"op": model.name, "status": http_response.status_code})


driver.session.register("after-call", record_call)
steps = []


def aws(name, *args):
    """Runs `aws appmesh <args> --endpoint-url ...` and records it as step `name`."""
    argv = ["appmesh", *args, "--endpoint-url", cm_common.ENDPOINT, "--output", "json"]
    out, err = io.StringIO(), io.StringIO()
    first_call = len(calls)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = driver.main(argv)
    text = out.getvalue()
    try:
        parsed = json.loads(text) if text.strip() else None
    except ValueError:
        parsed = {"unparsed": text}
    steps.append({"name": name, "argv": argv, "rc": rc, "out": parsed, "err": err.getvalue(), "calls": calls[first_call:]})
    return parsed


def js(value):
    return json.dumps(value)


def weighted(*nodes):
    return {"weightedTargets": [{"virtualNode": n, "weight": 1} for n in nodes]}


def node_spec(hostname):
    return {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}],
            "serviceDiscovery": {"dns": {"hostname": hostname}}}


HTTP_LISTENER = {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}]}

# Mesh.
aws("create-mesh", "create-mesh", "--mesh-name", MESH, "--spec", js({"egressFilter": {"type": "DROP_ALL"}}))
aws("describe-mesh", "describe-mesh", "--mesh-name", MESH)
aws("update-mesh", "update-mesh", "--mesh-name", MESH, "--spec", js({"egressFilter": {"type": "ALLOW_ALL"}}))
aws("update-mesh-again", "update-mesh", "--mesh-name", MESH, "--spec", js({"egressFilter": {"type": "DROP_ALL"}}))
aws("list-meshes", "list-meshes")

# Virtual nodes.
aws("create-virtual-node", "create-virtual-node", "--mesh-name", MESH, "--virtual-node-name", "vn-a",
    "--spec", js(node_spec("a.cli.local")))
aws("create-virtual-node-b", "create-virtual-node", "--mesh-name", MESH, "--virtual-node-name", "vn-b",
    "--spec", js(node_spec("b.cli.local")))
aws("describe-virtual-node", "describe-virtual-node", "--mesh-name", MESH, "--virtual-node-name", "vn-a")
aws("update-virtual-node", "update-virtual-node", "--mesh-name", MESH, "--virtual-node-name", "vn-a",
    "--spec", js(node_spec("a2.cli.local")))
aws("list-virtual-nodes", "list-virtual-nodes", "--mesh-name", MESH)

# Virtual router and one route of each protocol.
aws("create-virtual-router", "create-virtual-router", "--mesh-name", MESH, "--virtual-router-name", "vr",
    "--spec", js(HTTP_LISTENER))
aws("describe-virtual-router", "describe-virtual-router", "--mesh-name", MESH, "--virtual-router-name", "vr")
aws("update-virtual-router", "update-virtual-router", "--mesh-name", MESH, "--virtual-router-name", "vr",
    "--spec", js({"listeners": [{"portMapping": {"port": 9090, "protocol": "http"}}]}))
aws("list-virtual-routers", "list-virtual-routers", "--mesh-name", MESH)
ROUTES = {
    "r-http": {"httpRoute": {"match": {"prefix": "/"}, "action": weighted("vn-a")}},
    "r-http2": {"http2Route": {"match": {"prefix": "/h2"}, "action": weighted("vn-a")}},
    "r-grpc": {"grpcRoute": {"match": {"serviceName": "greeter"}, "action": weighted("vn-a")}},
    "r-tcp": {"tcpRoute": {"action": weighted("vn-a")}},
}
for route, spec in ROUTES.items():
    aws("create-route:" + route, "create-route", "--mesh-name", MESH, "--virtual-router-name", "vr",
        "--route-name", route, "--spec", js(spec))
aws("describe-route", "describe-route", "--mesh-name", MESH, "--virtual-router-name", "vr", "--route-name", "r-grpc")
aws("update-route", "update-route", "--mesh-name", MESH, "--virtual-router-name", "vr", "--route-name", "r-http",
    "--spec", js({"httpRoute": {"match": {"prefix": "/"}, "action": weighted("vn-a", "vn-b")}}))
aws("list-routes", "list-routes", "--mesh-name", MESH, "--virtual-router-name", "vr")

# Virtual services: one provided by a node, one by the router.
aws("create-virtual-service:node", "create-virtual-service", "--mesh-name", MESH, "--virtual-service-name", "by-node.local",
    "--spec", js({"provider": {"virtualNode": {"virtualNodeName": "vn-a"}}}))
aws("create-virtual-service:router", "create-virtual-service", "--mesh-name", MESH,
    "--virtual-service-name", "by-router.local", "--spec", js({"provider": {"virtualRouter": {"virtualRouterName": "vr"}}}))
aws("describe-virtual-service", "describe-virtual-service", "--mesh-name", MESH, "--virtual-service-name", "by-router.local")
aws("update-virtual-service", "update-virtual-service", "--mesh-name", MESH, "--virtual-service-name", "by-node.local",
    "--spec", js({"provider": {"virtualNode": {"virtualNodeName": "vn-b"}}}))
aws("list-virtual-services", "list-virtual-services", "--mesh-name", MESH)

# Virtual gateway and a gateway route to the router-backed service.
aws("create-virtual-gateway", "create-virtual-gateway", "--mesh-name", MESH, "--virtual-gateway-name", "gw",
    "--spec", js(HTTP_LISTENER))
aws("describe-virtual-gateway", "describe-virtual-gateway", "--mesh-name", MESH, "--virtual-gateway-name", "gw")
aws("update-virtual-gateway", "update-virtual-gateway", "--mesh-name", MESH, "--virtual-gateway-name", "gw",
    "--spec", js({"listeners": [{"portMapping": {"port": 8443, "protocol": "http"}}]}))
aws("list-virtual-gateways", "list-virtual-gateways", "--mesh-name", MESH)
GATEWAY_TARGET = {"target": {"virtualService": {"virtualServiceName": "by-router.local"}}}
aws("create-gateway-route", "create-gateway-route", "--mesh-name", MESH, "--virtual-gateway-name", "gw",
    "--gateway-route-name", "gr", "--spec", js({"httpRoute": {"match": {"prefix": "/"}, "action": GATEWAY_TARGET}}))
aws("describe-gateway-route", "describe-gateway-route", "--mesh-name", MESH, "--virtual-gateway-name", "gw",
    "--gateway-route-name", "gr")
aws("update-gateway-route", "update-gateway-route", "--mesh-name", MESH, "--virtual-gateway-name", "gw",
    "--gateway-route-name", "gr", "--spec", js({"httpRoute": {"match": {"prefix": "/api"}, "action": GATEWAY_TARGET}}))
aws("list-gateway-routes", "list-gateway-routes", "--mesh-name", MESH, "--virtual-gateway-name", "gw")

# Tags, on the node, by ARN.
node_arn = steps[[s["name"] for s in steps].index("create-virtual-node")]["out"]["virtualNode"]["metadata"]["arn"]
aws("tag-resource", "tag-resource", "--resource-arn", node_arn, "--tags", "key=team,value=payments", "key=tier,value=gold")
aws("list-tags-for-resource", "list-tags-for-resource", "--resource-arn", node_arn)
aws("untag-resource", "untag-resource", "--resource-arn", node_arn, "--tag-keys", "tier")
aws("list-tags-after-untag", "list-tags-for-resource", "--resource-arn", node_arn)

# Deleting the mesh while it has contents must be refused; then the order App Mesh requires.
aws("delete-mesh-too-early", "delete-mesh", "--mesh-name", MESH)
aws("delete-gateway-route", "delete-gateway-route", "--mesh-name", MESH, "--virtual-gateway-name", "gw",
    "--gateway-route-name", "gr")
aws("delete-virtual-gateway", "delete-virtual-gateway", "--mesh-name", MESH, "--virtual-gateway-name", "gw")
aws("delete-virtual-service:router", "delete-virtual-service", "--mesh-name", MESH, "--virtual-service-name", "by-router.local")
aws("delete-virtual-service:node", "delete-virtual-service", "--mesh-name", MESH, "--virtual-service-name", "by-node.local")
for route in ROUTES:
    aws("delete-route:" + route, "delete-route", "--mesh-name", MESH, "--virtual-router-name", "vr", "--route-name", route)
aws("delete-virtual-router", "delete-virtual-router", "--mesh-name", MESH, "--virtual-router-name", "vr")
aws("delete-virtual-node:b", "delete-virtual-node", "--mesh-name", MESH, "--virtual-node-name", "vn-b")
aws("delete-virtual-node", "delete-virtual-node", "--mesh-name", MESH, "--virtual-node-name", "vn-a")
aws("delete-mesh", "delete-mesh", "--mesh-name", MESH)
aws("describe-deleted-mesh", "describe-mesh", "--mesh-name", MESH)
aws("list-meshes-after-delete", "list-meshes")

model = botocore.session.get_session().get_service_model("appmesh")
cm_common.emit({
    "steps": steps,
    "modelOperations": sorted(model.operation_names),
    "modelResponseCodes": {op: model.operation_model(op).http.get("responseCode", 200) for op in model.operation_names},
})
