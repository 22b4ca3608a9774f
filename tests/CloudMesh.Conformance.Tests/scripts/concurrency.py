"""20 threads, one boto3 client each, update one virtual node at once; reports the versions they got back."""
import threading

import cm_common

setup = cm_common.client(0)
SPEC = {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}],
        "serviceDiscovery": {"dns": {"hostname": "conc.local"}}}
setup.create_mesh(meshName="conc")
setup.create_virtual_node(meshName="conc", virtualNodeName="vn", spec=SPEC)

clients = [cm_common.client(0) for _ in range(20)]  # boto3 clients are created up front; creation is not thread-safe
results = [None] * 20
start = threading.Barrier(20)


def update(i):
    start.wait()  # all 20 go at once
    spec = dict(SPEC, serviceDiscovery={"dns": {"hostname": f"conc-{i}.local"}})
    results[i] = cm_common.outcome(clients[i].update_virtual_node, meshName="conc", virtualNodeName="vn", spec=spec)


threads = [threading.Thread(target=update, args=(i,)) for i in range(20)]
for t in threads:
    t.start()
for t in threads:
    t.join()

final = setup.describe_virtual_node(meshName="conc", virtualNodeName="vn")["virtualNode"]
cm_common.emit({
    "updates": [{"ok": r["ok"], "code": r["code"], "status": r["status"],
                 "version": r["response"]["virtualNode"]["metadata"]["version"] if r["ok"] else None,
                 "hostname": r["response"]["virtualNode"]["spec"]["serviceDiscovery"]["dns"]["hostname"] if r["ok"] else None}
                for r in results],
    "finalVersion": final["metadata"]["version"],
    "finalHostname": final["spec"]["serviceDiscovery"]["dns"]["hostname"],
})
