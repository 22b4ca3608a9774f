"""Provokes every App Mesh error code through boto3 and reports, per case, the code and HTTP status botocore parsed.

Tenants: 0 does most cases; 1 has had its mesh quota lowered to 2 by the test; 2 has a rate limit of 1 request per
second with a burst of 2. Client-side parameter validation is off so invalid input reaches the server.
"""
import time

import cm_common
from cm_common import outcome

c = cm_common.client(0, validate=False)
cases = {}
MESH = "err-mesh"


def case(name, call, *args, **kwargs):
    cases[name] = outcome(call, *args, **kwargs)
    return cases[name]


def node_spec(port=8080, **extra):
    spec = {"listeners": [{"portMapping": {"port": port, "protocol": "http"}}],
            "serviceDiscovery": {"dns": {"hostname": "n.err.local"}}}
    spec.update(extra)
    return spec


def weighted(node):
    return {"weightedTargets": [{"virtualNode": node, "weight": 1}]}


HTTP_LISTENER = {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}]}

c.create_mesh(meshName=MESH)

# BadRequestException: what the model forbids.
case("bad_request.missing_required_member", c.create_virtual_node, meshName=MESH, virtualNodeName="no-spec")
case("bad_request.limit_below_range", c.list_meshes, limit=0)
case("bad_request.limit_above_range", c.list_meshes, limit=101)
case("bad_request.port_out_of_range", c.create_virtual_node, meshName=MESH, virtualNodeName="port", spec=node_spec(port=70000))
case("bad_request.wrong_type", c.create_virtual_node, meshName=MESH, virtualNodeName="type", spec=node_spec(port="eighty"))
case("bad_request.bad_enum", c.create_mesh, meshName="enum-mesh", spec={"egressFilter": {"type": "BLOCK_SOME"}})
case("bad_request.union_with_two_members", c.create_virtual_node, meshName=MESH, virtualNodeName="union",
     spec=dict(node_spec(), serviceDiscovery={"dns": {"hostname": "a.local"},
                                              "awsCloudMap": {"namespaceName": "ns", "serviceName": "svc"}}))
case("bad_request.name_too_long", c.create_mesh, meshName="m" * 256)
c.create_virtual_router(meshName=MESH, virtualRouterName="vr-bad", spec=HTTP_LISTENER)
c.create_virtual_node(meshName=MESH, virtualNodeName="ok-node", spec=node_spec())
case("bad_request.route_with_two_route_types", c.create_route, meshName=MESH, virtualRouterName="vr-bad", routeName="two",
     spec={"httpRoute": {"match": {"prefix": "/"}, "action": weighted("ok-node")}, "tcpRoute": {"action": weighted("ok-node")}})
case("bad_request.arn_of_another_service", c.list_tags_for_resource, resourceArn="arn:aws:s3:::bucket")
malformed = cm_common.signed_request("PUT", "/v20190125/meshes", body=b'{"meshName": "broken", ')
cases["bad_request.malformed_json"] = cm_common.send(malformed)
not_an_object = cm_common.signed_request("PUT", "/v20190125/meshes", body=b'["meshName"]')
cases["bad_request.json_not_an_object"] = cm_common.send(not_an_object)
cases["bad_request.nothing_created"] = outcome(c.list_meshes)
cases["bad_request.nothing_created_in_mesh"] = outcome(c.list_virtual_nodes, meshName=MESH)

# NotFoundException.
case("not_found.mesh", c.describe_mesh, meshName="no-such-mesh")
case("not_found.node_in_missing_mesh", c.describe_virtual_node, meshName="no-such-mesh", virtualNodeName="n")
case("not_found.create_in_missing_mesh", c.create_virtual_node, meshName="no-such-mesh", virtualNodeName="n", spec=node_spec())
case("not_found.route_in_missing_router", c.update_route, meshName=MESH, virtualRouterName="no-such-router", routeName="r",
     spec={"tcpRoute": {"action": weighted("ok-node")}})
case("not_found.delete_missing_service", c.delete_virtual_service, meshName=MESH, virtualServiceName="nobody.local")
case("not_found.route_target_missing", c.create_route, meshName=MESH, virtualRouterName="vr-bad", routeName="dangling",
     spec={"tcpRoute": {"action": weighted("no-such-node")}})
case("not_found.tag_missing_resource", c.tag_resource,
     resourceArn=f"arn:aws:appmesh:us-east-1:{cm_common.tenant(0)['accountId']}:mesh/{MESH}/virtualNode/ghost",
     tags=[{"key": "k", "value": "v"}])

# ConflictException.
case("conflict.duplicate_mesh", c.create_mesh, meshName=MESH)
case("conflict.duplicate_node", c.create_virtual_node, meshName=MESH, virtualNodeName="ok-node", spec=node_spec())
case("conflict.token_first_use", c.create_mesh, meshName="token-a", clientToken="err-token-1")
case("conflict.token_reused_with_other_input", c.create_mesh, meshName="token-b", clientToken="err-token-1")
case("conflict.token_reused_did_not_create", c.describe_mesh, meshName="token-b")

# ResourceInUseException: each kind of dependency on its own, then the delete that works once it is gone.
IN_USE = "inuse-mesh"
c.create_mesh(meshName=IN_USE)
for name in ("target", "provider-node"):
    c.create_virtual_node(meshName=IN_USE, virtualNodeName=name, spec=node_spec())
c.create_virtual_router(meshName=IN_USE, virtualRouterName="vr-routes", spec=HTTP_LISTENER)
c.create_route(meshName=IN_USE, virtualRouterName="vr-routes", routeName="r", spec={"tcpRoute": {"action": weighted("target")}})
c.create_virtual_router(meshName=IN_USE, virtualRouterName="vr-provider", spec=HTTP_LISTENER)
c.create_virtual_service(meshName=IN_USE, virtualServiceName="svc-node.local",
                         spec={"provider": {"virtualNode": {"virtualNodeName": "provider-node"}}})
c.create_virtual_service(meshName=IN_USE, virtualServiceName="svc-router.local",
                         spec={"provider": {"virtualRouter": {"virtualRouterName": "vr-provider"}}})
c.create_virtual_gateway(meshName=IN_USE, virtualGatewayName="gw", spec=HTTP_LISTENER)
c.create_gateway_route(meshName=IN_USE, virtualGatewayName="gw", gatewayRouteName="gr", spec={"httpRoute": {
    "match": {"prefix": "/"}, "action": {"target": {"virtualService": {"virtualServiceName": "svc-node.local"}}}}})

case("in_use.mesh_with_contents", c.delete_mesh, meshName=IN_USE)
case("in_use.router_with_routes", c.delete_virtual_router, meshName=IN_USE, virtualRouterName="vr-routes")
case("in_use.node_used_as_route_target", c.delete_virtual_node, meshName=IN_USE, virtualNodeName="target")
case("in_use.router_used_as_provider", c.delete_virtual_router, meshName=IN_USE, virtualRouterName="vr-provider")
case("in_use.node_used_as_provider", c.delete_virtual_node, meshName=IN_USE, virtualNodeName="provider-node")
case("in_use.gateway_with_gateway_routes", c.delete_virtual_gateway, meshName=IN_USE, virtualGatewayName="gw")
case("in_use.still_there", c.describe_virtual_node, meshName=IN_USE, virtualNodeName="target")
case("in_use_cleared.route", c.delete_route, meshName=IN_USE, virtualRouterName="vr-routes", routeName="r")
case("in_use_cleared.router_with_routes", c.delete_virtual_router, meshName=IN_USE, virtualRouterName="vr-routes")
case("in_use_cleared.node_used_as_route_target", c.delete_virtual_node, meshName=IN_USE, virtualNodeName="target")
case("in_use_cleared.gateway_route", c.delete_gateway_route, meshName=IN_USE, virtualGatewayName="gw", gatewayRouteName="gr")
case("in_use_cleared.gateway_with_gateway_routes", c.delete_virtual_gateway, meshName=IN_USE, virtualGatewayName="gw")
case("in_use_cleared.router_service", c.delete_virtual_service, meshName=IN_USE, virtualServiceName="svc-router.local")
case("in_use_cleared.router_used_as_provider", c.delete_virtual_router, meshName=IN_USE, virtualRouterName="vr-provider")
case("in_use_cleared.node_service", c.delete_virtual_service, meshName=IN_USE, virtualServiceName="svc-node.local")
case("in_use_cleared.node_used_as_provider", c.delete_virtual_node, meshName=IN_USE, virtualNodeName="provider-node")
case("in_use_cleared.mesh_with_contents", c.delete_mesh, meshName=IN_USE)

# ForbiddenException: a mesh owned by another account (CloudMesh shares no meshes across accounts).
OTHER_ACCOUNT = "111122223333"
case("forbidden.describe_other_owner", c.describe_mesh, meshName=MESH, meshOwner=OTHER_ACCOUNT)
case("forbidden.create_in_other_owner", c.create_virtual_node, meshName=MESH, virtualNodeName="x", spec=node_spec(),
     meshOwner=OTHER_ACCOUNT)
case("forbidden.own_account_is_fine", c.describe_mesh, meshName=MESH, meshOwner=cm_common.tenant(0)["accountId"])

# TooManyTagsException: at most 50 tags per resource, counted across TagResource calls.
arn = c.describe_mesh(meshName=MESH)["mesh"]["metadata"]["arn"]
case("tags.first_30", c.tag_resource, resourceArn=arn, tags=[{"key": f"k{i:02}", "value": "v"} for i in range(30)])
case("tags.up_to_50", c.tag_resource, resourceArn=arn, tags=[{"key": f"k{i:02}", "value": "v"} for i in range(30, 50)])
case("tags.overwrite_at_50", c.tag_resource, resourceArn=arn, tags=[{"key": "k00", "value": "changed"}])
case("too_many_tags.the_51st", c.tag_resource, resourceArn=arn, tags=[{"key": "k50", "value": "v"}])
case("tags.count_after", c.list_tags_for_resource, resourceArn=arn, limit=50)

# LimitExceededException: tenant 1 may have 2 meshes.
limited = cm_common.client(1, validate=False)
case("limits.first_mesh", limited.create_mesh, meshName="q1")
case("limits.second_mesh", limited.create_mesh, meshName="q2")
case("limit_exceeded.third_mesh", limited.create_mesh, meshName="q3")
case("limits.after_delete", limited.delete_mesh, meshName="q1")
case("limits.room_again", limited.create_mesh, meshName="q3")

# TooManyRequestsException: tenant 2 may send 1 request per second with a burst of 2. First 12 requests as fast as
# possible (the burst, then throttling), then keep sending for a while to measure the sustained rate it allows.
throttled = cm_common.client(2)
burst = [outcome(throttled.list_meshes) for _ in range(12)]
for i, result in enumerate(burst):
    cases[f"throttle.{i:02}"] = result
started = time.monotonic()
sustained = []
while time.monotonic() - started < 2.0:
    sustained.append(outcome(throttled.list_meshes)["status"])
    time.sleep(0.02)
elapsed = time.monotonic() - started

cm_common.emit({"cases": cases, "sustained": {"elapsedSeconds": elapsed, "statuses": sustained}})
