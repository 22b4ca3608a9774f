// The get<Type> functions call cloudmesh:index:get<Type> with exactly the contract's arguments, as promises and
// as outputs.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import * as cloudmesh from "@cloudmesh/pulumi";
import { ACCOUNT, CallResults, installMocks, metadataFor } from "./mockMonitor";

/** The fake provider's answer to every lookup: the arguments echoed back with metadata and an empty spec. */
const echo = (type: string) => (inputs: Record<string, unknown>) =>
    ({ ...inputs, meshOwner: inputs.meshOwner ?? ACCOUNT, spec: {}, tags: { looked: "up" }, ...metadataFor(type, String(inputs.name)) });

const types = ["Mesh", "VirtualNode", "VirtualService", "VirtualRouter", "Route", "VirtualGateway", "GatewayRoute"];
const results: CallResults = Object.fromEntries(types.map((type) => [`cloudmesh:index:get${type}`, echo(`cloudmesh:index:${type}`)]));
const recorded = installMocks(results);

/** The arguments of the last call, without the engine's own fields. */
function lastCall(): { token: string; inputs: Record<string, unknown> } {
    const call = recorded.calls[recorded.calls.length - 1];
    return { token: call.token, inputs: call.inputs };
}

test("getMesh calls cloudmesh:index:getMesh with the name and returns the mesh's outputs", async () => {
    const mesh = await cloudmesh.getMesh({ name: "colors" });
    assert.deepEqual(lastCall(), { token: "cloudmesh:index:getMesh", inputs: { name: "colors" } });
    assert.equal(mesh.arn, `arn:aws:appmesh:us-east-1:${ACCOUNT}:Mesh/colors`);
    assert.equal(mesh.status, "ACTIVE");
    assert.deepEqual(mesh.tags, { looked: "up" });
    assert.deepEqual(mesh.spec, {});
});

test("the mesh-scoped lookups send meshName, name and meshOwner", async () => {
    const lookups: [string, () => Promise<cloudmesh.MeshScopedLookupResult>][] = [
        ["getVirtualNode", () => cloudmesh.getVirtualNode({ meshName: "colors", name: "n", meshOwner: ACCOUNT })],
        ["getVirtualService", () => cloudmesh.getVirtualService({ meshName: "colors", name: "n", meshOwner: ACCOUNT })],
        ["getVirtualRouter", () => cloudmesh.getVirtualRouter({ meshName: "colors", name: "n", meshOwner: ACCOUNT })],
        ["getVirtualGateway", () => cloudmesh.getVirtualGateway({ meshName: "colors", name: "n", meshOwner: ACCOUNT })],
    ];
    for (const [fn, lookup] of lookups) {
        const result = await lookup();
        assert.deepEqual(lastCall(), { token: `cloudmesh:index:${fn}`, inputs: { meshName: "colors", name: "n", meshOwner: ACCOUNT } });
        assert.equal(result.meshName, "colors");
    }
});

test("getRoute and getGatewayRoute also send their parent's name", async () => {
    const route = await cloudmesh.getRoute({ meshName: "colors", virtualRouterName: "router", name: "route" });
    assert.deepEqual(lastCall(), { token: "cloudmesh:index:getRoute", inputs: { meshName: "colors", virtualRouterName: "router", name: "route" } });
    assert.equal(route.virtualRouterName, "router");
    const gatewayRoute = await cloudmesh.getGatewayRoute({ meshName: "colors", virtualGatewayName: "gateway", name: "gr" });
    assert.deepEqual(lastCall(), {
        token: "cloudmesh:index:getGatewayRoute",
        inputs: { meshName: "colors", virtualGatewayName: "gateway", name: "gr" },
    });
    assert.equal(gatewayRoute.virtualGatewayName, "gateway");
});

test("properties outside the contract are not sent", async () => {
    await cloudmesh.getMesh({ name: "colors", extra: "ignored" } as cloudmesh.GetMeshArgs);
    assert.deepEqual(lastCall().inputs, { name: "colors" });
});

test("the Output forms take outputs as arguments and return outputs", async () => {
    const node = cloudmesh.getVirtualNodeOutput({ meshName: pulumi.output("colors"), name: pulumi.output("colors-v1") });
    const arn = await new Promise((resolve) => node.arn.apply(resolve));
    assert.deepEqual(lastCall(), { token: "cloudmesh:index:getVirtualNode", inputs: { meshName: "colors", name: "colors-v1" } });
    assert.equal(arn, `arn:aws:appmesh:us-east-1:${ACCOUNT}:VirtualNode/colors-v1`);
    const route = cloudmesh.getRouteOutput({ meshName: "colors", virtualRouterName: pulumi.output("router"), name: "route" });
    assert.equal(await new Promise((resolve) => route.virtualRouterName.apply(resolve)), "router");
    assert.equal(lastCall().token, "cloudmesh:index:getRoute");
});
