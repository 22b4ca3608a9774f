"""Paging as boto3 does it: paginators and manual limit/nextToken for every limit 1..100, tampered and foreign tokens,
and a listing of 150 nodes with limit 7 while another thread creates and deletes other nodes.
"""
import threading

import cm_common
from cm_common import outcome

c = cm_common.client(0)
SPEC = {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}],
        "serviceDiscovery": {"dns": {"hostname": "p.local"}}}
HTTP_LISTENER = {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}]}
report = {}

# 23 nodes whose creation order differs from their name order, so an order by creation would show.
SMALL = "page-small"
c.create_mesh(meshName=SMALL)
small_names = [f"node-{(i * 7) % 23:02}" for i in range(23)]
for name in small_names:
    c.create_virtual_node(meshName=SMALL, virtualNodeName=name, spec=SPEC)
report["smallNames"] = small_names


def manual_pages(call, member, name_member, **kwargs):
    """Follows nextToken by hand; returns the pages' name lists."""
    pages, token = [], None
    while True:
        args = dict(kwargs, **({"nextToken": token} if token else {}))
        response = call(**args)
        pages.append([item[name_member] for item in response[member]])
        token = response.get("nextToken")
        if not token:
            return pages
        if len(pages) > 1000:
            raise RuntimeError("paging does not end")


report["manualByLimit"] = {
    str(limit): manual_pages(c.list_virtual_nodes, "virtualNodes", "virtualNodeName", meshName=SMALL, limit=limit)
    for limit in range(1, 101)
}
report["unlimited"] = manual_pages(c.list_virtual_nodes, "virtualNodes", "virtualNodeName", meshName=SMALL)


def paginate(operation, member, name_member, page_size, **kwargs):
    pages = c.get_paginator(operation).paginate(PaginationConfig={"PageSize": page_size}, **kwargs)
    return [[item[name_member] for item in page[member]] for page in pages]


# Paginators over every kind of listing that pages: meshes, nodes, routes (nested under a router) and tags.
for i in range(4):
    c.create_mesh(meshName=f"page-extra-{i}")
c.create_virtual_router(meshName=SMALL, virtualRouterName="vr", spec=HTTP_LISTENER)
route_names = [f"route-{i:02}" for i in range(12)]
for name in route_names:
    c.create_route(meshName=SMALL, virtualRouterName="vr", routeName=name,
                   spec={"tcpRoute": {"action": {"weightedTargets": [{"virtualNode": "node-00", "weight": 1}]}}})
mesh_arn = c.describe_mesh(meshName=SMALL)["mesh"]["metadata"]["arn"]
tag_keys = [f"tag-{(i * 5) % 23:02}" for i in range(23)]
for key in tag_keys:
    c.tag_resource(resourceArn=mesh_arn, tags=[{"key": key, "value": "v"}])
report["routeNames"] = route_names
report["tagKeys"] = tag_keys
report["paginators"] = {
    "list_virtual_nodes": paginate("list_virtual_nodes", "virtualNodes", "virtualNodeName", 5, meshName=SMALL),
    "list_meshes": paginate("list_meshes", "meshes", "meshName", 2),
    "list_routes": paginate("list_routes", "routes", "routeName", 5, meshName=SMALL, virtualRouterName="vr"),
    "list_tags_for_resource": paginate("list_tags_for_resource", "tags", "key", 4, resourceArn=mesh_arn),
}

# Tokens that are not this listing's.
OTHER = "page-other"
c.create_mesh(meshName=OTHER)
for i in range(10):
    c.create_virtual_node(meshName=OTHER, virtualNodeName=f"node-{i:02}", spec=SPEC)
token = c.list_virtual_nodes(meshName=SMALL, limit=5)["nextToken"]
middle = len(token) // 2
flipped = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1:]
report["tokens"] = {
    "tampered": outcome(c.list_virtual_nodes, meshName=SMALL, limit=5, nextToken=flipped),
    "truncated": outcome(c.list_virtual_nodes, meshName=SMALL, limit=5, nextToken=token[:-4]),
    "garbage": outcome(c.list_virtual_nodes, meshName=SMALL, limit=5, nextToken="not-a-token"),
    "other_mesh": outcome(c.list_virtual_nodes, meshName=OTHER, limit=5, nextToken=token),
    "other_operation": outcome(c.list_virtual_routers, meshName=SMALL, limit=5, nextToken=token),
    "genuine": outcome(c.list_virtual_nodes, meshName=SMALL, limit=5, nextToken=token),
}
report["tokens"]["genuine"]["response"] = None  # only the outcome matters here

# 150 nodes listed with limit 7 while another thread keeps creating and deleting other nodes of the same mesh, with
# names that sort before, between and after the stable ones.
BIG = "page-big"
c.create_mesh(meshName=BIG)
stable = [f"n-{i:03}" for i in range(150)]
for name in stable:
    c.create_virtual_node(meshName=BIG, virtualNodeName=name, spec=SPEC)

stop = threading.Event()
progress = threading.Condition()
churn = {"rounds": 0, "creates": 0, "deletes": 0, "errors": []}


def churn_loop():
    writer = cm_common.client(0)  # a client per thread, as boto3 recommends
    live, k = [], 0
    while not stop.is_set():
        for name in (f"a-{k:04}", f"n-{(k * 37) % 150:03}-{k:04}", f"z-{k:04}"):
            result = outcome(writer.create_virtual_node, meshName=BIG, virtualNodeName=name, spec=SPEC)
            if result["ok"]:
                churn["creates"] += 1
                live.append(name)
            else:
                churn["errors"].append(result)
        while len(live) > 4:
            result = outcome(writer.delete_virtual_node, meshName=BIG, virtualNodeName=live.pop(0))
            if result["ok"]:
                churn["deletes"] += 1
            else:
                churn["errors"].append(result)
        k += 1
        with progress:
            churn["rounds"] += 1
            progress.notify_all()


thread = threading.Thread(target=churn_loop)
thread.start()
pages, token, rounds_seen = [], None, 0
try:
    while True:
        # Each page waits for at least one more round of writes, so writes happen between every two pages.
        with progress:
            progress.wait_for(lambda: churn["rounds"] > rounds_seen, timeout=30)
            rounds_seen = churn["rounds"]
        response = c.list_virtual_nodes(meshName=BIG, limit=7, **({"nextToken": token} if token else {}))
        pages.append([n["virtualNodeName"] for n in response["virtualNodes"]])
        token = response.get("nextToken")
        if not token:
            break
finally:
    stop.set()
    thread.join()
report["concurrent"] = {"stable": stable, "pages": pages, "churn": churn, "roundsSeen": rounds_seen}

cm_common.emit(report)
