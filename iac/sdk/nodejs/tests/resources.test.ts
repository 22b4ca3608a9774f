// The seven resources register under their contract tokens with their inputs unchanged, and expose what the
// provider returns; names are left to the provider.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import * as cloudmesh from "@cloudmesh/pulumi";
import { ACCOUNT, AUTO_NAME_SUFFIX, installMocks, registered, valueOf } from "./mockMonitor";

const recorded = installMocks();

/** A virtual node spec using nested structures, lists and enums, to show it reaches the provider as written. */
const nodeSpec: cloudmesh.types.input.VirtualNodeSpec = {
    listeners: [{
        portMapping: { port: 8080, protocol: cloudmesh.types.enums.PortProtocol.Http },
        timeout: { http: { perRequest: { unit: "s", value: 15 } } },
        tls: { mode: "STRICT", certificate: { file: { certificateChain: "/certs/chain.pem", privateKey: "/certs/key.pem" } } },
    }],
    backends: [{ virtualService: { virtualServiceName: "backend.local", clientPolicy: { tls: { enforce: true, validation: { trust: { file: { certificateChain: "/certs/ca.pem" } } } } } } }],
    serviceDiscovery: { dns: { hostname: "node.local", responseType: "ENDPOINTS" } },
    logging: { accessLog: { file: { path: "/dev/stdout" } } },
};

test("every resource registers under its cloudmesh:index token", async () => {
    const cases: [string, string, (name: string) => pulumi.CustomResource][] = [
        ["token-mesh", "cloudmesh:index:Mesh", (n) => new cloudmesh.Mesh(n)],
        ["token-node", "cloudmesh:index:VirtualNode", (n) => new cloudmesh.VirtualNode(n, { meshName: "m", spec: {} })],
        ["token-service", "cloudmesh:index:VirtualService", (n) => new cloudmesh.VirtualService(n, { meshName: "m", spec: {} })],
        ["token-router", "cloudmesh:index:VirtualRouter", (n) => new cloudmesh.VirtualRouter(n, { meshName: "m", spec: { listeners: [] } })],
        ["token-route", "cloudmesh:index:Route", (n) => new cloudmesh.Route(n, { meshName: "m", virtualRouterName: "r", spec: {} })],
        ["token-gateway", "cloudmesh:index:VirtualGateway", (n) => new cloudmesh.VirtualGateway(n, { meshName: "m", spec: { listeners: [] } })],
        ["token-gateway-route", "cloudmesh:index:GatewayRoute", (n) => new cloudmesh.GatewayRoute(n, { meshName: "m", virtualGatewayName: "g", spec: {} })],
    ];
    for (const [name, token, create] of cases) {
        await valueOf(create(name).urn);
        assert.equal(registered(recorded, name).type, token);
        assert.equal(registered(recorded, name).custom, true);
    }
});

test("a spec object reaches the provider unchanged, with the other inputs under their contract names", async () => {
    const node = new cloudmesh.VirtualNode("passthrough-node", {
        meshName: "colors",
        name: "explicit-node",
        meshOwner: "444455556666",
        spec: nodeSpec,
        tags: { team: "mesh" },
    });
    await valueOf(node.urn);
    const inputs = registered(recorded, "passthrough-node").inputs;
    assert.deepEqual(inputs, {
        meshName: "colors",
        name: "explicit-node",
        meshOwner: "444455556666",
        spec: nodeSpec,
        tags: { team: "mesh" },
    });
});

test("outputs the provider returns appear on the resource", async () => {
    const route = new cloudmesh.Route("outputs-route", {
        meshName: "colors",
        virtualRouterName: "colors-router",
        name: "colors-route",
        spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "v1", weight: 1 }] } } },
    });
    assert.equal(await valueOf(route.arn), `arn:aws:appmesh:us-east-1:${ACCOUNT}:Route/colors-route`);
    assert.equal(await valueOf(route.uid), "uid-colors-route");
    assert.equal(await valueOf(route.version), 1);
    assert.equal(await valueOf(route.createdAt), "2026-11-22T10:00:00Z");
    assert.equal(await valueOf(route.lastUpdatedAt), "2026-11-22T10:00:00Z");
    assert.equal(await valueOf(route.meshOwner), ACCOUNT);
    assert.equal(await valueOf(route.resourceOwner), ACCOUNT);
    assert.equal(await valueOf(route.status), "ACTIVE");
    assert.equal(await valueOf(route.meshName), "colors");
    assert.equal(await valueOf(route.virtualRouterName), "colors-router");
    assert.equal((await valueOf(route.spec)).httpRoute?.action.weightedTargets[0].virtualNode, "v1");
});

test("the SDK sends no name when none is given: naming is the provider's", async () => {
    const mesh = new cloudmesh.Mesh("unnamed-mesh", { spec: { egressFilter: { type: "ALLOW_ALL" } } });
    assert.equal(await valueOf(mesh.name), `unnamed-mesh-${AUTO_NAME_SUFFIX}`);
    const inputs = registered(recorded, "unnamed-mesh").inputs;
    assert.equal("name" in inputs, false);
    assert.deepEqual(inputs.spec, { egressFilter: { type: "ALLOW_ALL" } });
});

test("computed outputs are not sent as inputs", async () => {
    const gateway = new cloudmesh.VirtualGateway("no-outputs-gateway", {
        meshName: "m",
        spec: { listeners: [{ portMapping: { port: 8088, protocol: "http" } }] },
    });
    await valueOf(gateway.urn);
    const sent = Object.keys(registered(recorded, "no-outputs-gateway").inputs).sort();
    assert.deepEqual(sent, ["meshName", "spec"]);
});

test("a missing required input fails before registration", () => {
    assert.throws(() => new cloudmesh.VirtualNode("no-mesh", { spec: {} } as cloudmesh.VirtualNodeArgs), /Missing required property 'meshName'/);
    assert.throws(() => new cloudmesh.Route("no-router", { meshName: "m", spec: {} } as cloudmesh.RouteArgs), /Missing required property 'virtualRouterName'/);
    assert.throws(() => new cloudmesh.GatewayRoute("no-spec", { meshName: "m", virtualGatewayName: "g" } as cloudmesh.GatewayRouteArgs), /Missing required property 'spec'/);
});

test("static get reads the resource by id under its token", async () => {
    const node = cloudmesh.VirtualNode.get("imported-node", "colors-v1-id", { meshName: "colors" });
    assert.equal(await valueOf(node.id), "colors-v1-id");
    const read = registered(recorded, "imported-node");
    assert.equal(read.type, "cloudmesh:index:VirtualNode");
    assert.equal(read.id, "colors-v1-id");
    assert.equal(read.inputs.meshName, "colors");
});

test("isInstance recognises each class by token", async () => {
    const router = new cloudmesh.VirtualRouter("instance-router", { meshName: "m", spec: { listeners: [] } });
    assert.equal(cloudmesh.VirtualRouter.isInstance(router), true);
    assert.equal(cloudmesh.VirtualNode.isInstance(router), false);
    assert.equal(cloudmesh.VirtualRouter.isInstance({ __pulumiType: "cloudmesh:index:VirtualRouter" }), true);
    assert.equal(cloudmesh.VirtualRouter.isInstance(undefined), false);
    await valueOf(router.urn);
});

test("inputs that are outputs of other resources resolve before registration", async () => {
    const mesh = new cloudmesh.Mesh("parent-mesh");
    const router = new cloudmesh.VirtualRouter("child-router", {
        meshName: mesh.name,
        spec: { listeners: [{ portMapping: { port: pulumi.output(8080), protocol: "http" } }] },
    });
    await valueOf(router.urn);
    const inputs = registered(recorded, "child-router").inputs;
    assert.equal(inputs.meshName, `parent-mesh-${AUTO_NAME_SUFFIX}`);
    assert.deepEqual(inputs.spec, { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] });
});
