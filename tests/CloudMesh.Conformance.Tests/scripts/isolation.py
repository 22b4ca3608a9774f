"""Tenant isolation through boto3: tenant 1 (B) cannot see or touch anything of tenant 0 (A), even by ARN, and both
can own a mesh of the same name."""
import cm_common
from cm_common import outcome

a, b = cm_common.client(0), cm_common.client(1)
SPEC = {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}],
        "serviceDiscovery": {"dns": {"hostname": "iso.local"}}}
MESH = "shared-name"
report = {}

a.create_mesh(meshName=MESH, tags=[{"key": "owner", "value": "a"}])
node = a.create_virtual_node(meshName=MESH, virtualNodeName="vn", spec=SPEC)["virtualNode"]
mesh_arn = a.describe_mesh(meshName=MESH)["mesh"]["metadata"]["arn"]
node_arn = node["metadata"]["arn"]
report["a_node_uid"] = node["metadata"]["uid"]

report["b_describe_mesh"] = outcome(b.describe_mesh, meshName=MESH)
report["b_describe_node"] = outcome(b.describe_virtual_node, meshName=MESH, virtualNodeName="vn")
report["b_update_node"] = outcome(b.update_virtual_node, meshName=MESH, virtualNodeName="vn", spec=SPEC)
report["b_delete_node"] = outcome(b.delete_virtual_node, meshName=MESH, virtualNodeName="vn")
report["b_delete_mesh"] = outcome(b.delete_mesh, meshName=MESH)
report["b_list_nodes"] = outcome(b.list_virtual_nodes, meshName=MESH)
report["b_create_node_in_a_mesh"] = outcome(b.create_virtual_node, meshName=MESH, virtualNodeName="intruder", spec=SPEC)
report["b_list_meshes"] = outcome(b.list_meshes)
report["b_tag_by_arn"] = outcome(b.tag_resource, resourceArn=node_arn, tags=[{"key": "owner", "value": "b"}])
report["b_untag_by_arn"] = outcome(b.untag_resource, resourceArn=mesh_arn, tagKeys=["owner"])
report["b_list_tags_by_arn"] = outcome(b.list_tags_for_resource, resourceArn=mesh_arn)
report["b_mesh_owner_a"] = outcome(b.describe_mesh, meshName=MESH, meshOwner=cm_common.tenant(0)["accountId"])

# B takes the same name for its own mesh: allowed, and still separate from A's.
report["b_create_same_name"] = outcome(b.create_mesh, meshName=MESH)
report["b_describe_own"] = outcome(b.describe_mesh, meshName=MESH)
report["b_list_nodes_own"] = outcome(b.list_virtual_nodes, meshName=MESH)
report["b_tag_a_arn_again"] = outcome(b.tag_resource, resourceArn=mesh_arn, tags=[{"key": "owner", "value": "b"}])
report["b_delete_own"] = outcome(b.delete_mesh, meshName=MESH)

report["a_describe_node_after"] = outcome(a.describe_virtual_node, meshName=MESH, virtualNodeName="vn")
report["a_list_meshes_after"] = outcome(a.list_meshes)
report["a_tags_after"] = outcome(a.list_tags_for_resource, resourceArn=mesh_arn)
report["a_node_tags_after"] = outcome(a.list_tags_for_resource, resourceArn=node_arn)
cm_common.emit(report)
