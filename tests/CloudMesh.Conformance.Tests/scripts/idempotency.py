"""clientToken idempotency through boto3: replays return the first result, a reused token with other input conflicts,
and a replayed update does not bump the version twice."""
import cm_common
from cm_common import outcome

c = cm_common.client(0)
SPEC = {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}],
        "serviceDiscovery": {"dns": {"hostname": "idem.local"}}}
report = {}

report["mesh_first"] = outcome(c.create_mesh, meshName="idem", clientToken="mesh-token")
report["mesh_replay"] = outcome(c.create_mesh, meshName="idem", clientToken="mesh-token")
report["mesh_other_input"] = outcome(c.create_mesh, meshName="idem-2", clientToken="mesh-token")
report["mesh_other_spec"] = outcome(c.create_mesh, meshName="idem", clientToken="mesh-token",
                                    spec={"egressFilter": {"type": "ALLOW_ALL"}})
report["meshes_after"] = outcome(c.list_meshes)

report["node_first"] = outcome(c.create_virtual_node, meshName="idem", virtualNodeName="vn", spec=SPEC, clientToken="node-token")
report["node_replay"] = outcome(c.create_virtual_node, meshName="idem", virtualNodeName="vn", spec=SPEC, clientToken="node-token")
report["node_without_token"] = outcome(c.create_virtual_node, meshName="idem", virtualNodeName="vn", spec=SPEC)

updated = dict(SPEC, serviceDiscovery={"dns": {"hostname": "idem-2.local"}})
report["update_first"] = outcome(c.update_virtual_node, meshName="idem", virtualNodeName="vn", spec=updated, clientToken="update-token")
report["update_replay"] = outcome(c.update_virtual_node, meshName="idem", virtualNodeName="vn", spec=updated, clientToken="update-token")
report["update_replay_again"] = outcome(c.update_virtual_node, meshName="idem", virtualNodeName="vn", spec=updated, clientToken="update-token")
report["describe_after_updates"] = outcome(c.describe_virtual_node, meshName="idem", virtualNodeName="vn")
report["update_new_token"] = outcome(c.update_virtual_node, meshName="idem", virtualNodeName="vn", spec=updated, clientToken="update-token-2")
report["update_token_of_create"] = outcome(c.update_virtual_node, meshName="idem", virtualNodeName="vn", spec=updated, clientToken="node-token")

# boto3 fills clientToken itself (idempotencyToken in the model) when the caller gives none: two plain creates differ.
report["auto_token_first"] = outcome(c.create_virtual_router, meshName="idem", virtualRouterName="vr",
                                     spec={"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}]})
report["auto_token_second"] = outcome(c.create_virtual_router, meshName="idem", virtualRouterName="vr",
                                      spec={"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}]})
cm_common.emit(report)
