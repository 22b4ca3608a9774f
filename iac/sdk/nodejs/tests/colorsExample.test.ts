// The worked example (iac/examples/colors) under the fake engine: the eight resources it should create, and the
// references between them resolved to the names the provider chose.

import { strict as assert } from "node:assert";
import { before, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { AUTO_NAME_SUFFIX, installMocks, registered, valueOf } from "./mockMonitor";

const recorded = installMocks();
/** The names the fake provider gives the example's auto-named resources. */
const meshName = `colors-${AUTO_NAME_SUFFIX}`;
const routerName = `colors-router-${AUTO_NAME_SUFFIX}`;

let program: Record<string, pulumi.Output<string>>;

before(async () => {
    // Loaded after the mocks are installed, as the Pulumi engine would run it.
    program = await import("../../../examples/colors/index");
    await Promise.all(Object.values(program).map(valueOf));
});

test("the program registers the mesh, two nodes, router, route, service, gateway and gateway route", () => {
    const created = recorded.resources.map((r) => `${r.type} ${r.name}`).sort();
    assert.deepEqual(created, [
        "cloudmesh:index:GatewayRoute colors-gateway-route",
        "cloudmesh:index:Mesh colors",
        "cloudmesh:index:Route colors-route",
        "cloudmesh:index:VirtualGateway colors-gateway",
        "cloudmesh:index:VirtualNode colors-v1",
        "cloudmesh:index:VirtualNode colors-v2",
        "cloudmesh:index:VirtualRouter colors-router",
        "cloudmesh:index:VirtualService colors-service",
    ]);
});

test("every resource inside the mesh names the mesh the provider created", () => {
    for (const resource of recorded.resources.filter((r) => r.type !== "cloudmesh:index:Mesh")) {
        assert.equal(resource.inputs.meshName, meshName, `${resource.name}'s meshName`);
    }
});

test("the route splits 90/10 between the two nodes' resolved names", () => {
    const route = registered(recorded, "colors-route").inputs;
    assert.equal(route.virtualRouterName, routerName);
    assert.deepEqual(route.spec.httpRoute.action.weightedTargets, [
        { virtualNode: `colors-v1-${AUTO_NAME_SUFFIX}`, weight: 90 },
        { virtualNode: `colors-v2-${AUTO_NAME_SUFFIX}`, weight: 10 },
    ]);
    assert.deepEqual(route.spec.httpRoute.match, { prefix: "/" });
});

test("the virtual service is provided by the router, and the gateway route targets the service", () => {
    const service = registered(recorded, "colors-service").inputs;
    assert.equal(service.name, "colors.colors.local");
    assert.deepEqual(service.spec, { provider: { virtualRouter: { virtualRouterName: routerName } } });
    const gatewayRoute = registered(recorded, "colors-gateway-route").inputs;
    assert.equal(gatewayRoute.virtualGatewayName, `colors-gateway-${AUTO_NAME_SUFFIX}`);
    assert.deepEqual(gatewayRoute.spec.httpRoute.action.target.virtualService, { virtualServiceName: "colors.colors.local" });
});

test("the nodes listen on 8080 and are found by DNS", () => {
    for (const version of ["v1", "v2"]) {
        const spec = registered(recorded, `colors-${version}`).inputs.spec;
        assert.deepEqual(spec.listeners[0].portMapping, { port: 8080, protocol: "http" });
        assert.equal(spec.serviceDiscovery.dns.hostname, `colors-${version}.colors.local`);
    }
});

test("the program exports every resource's ARN", async () => {
    assert.equal(await valueOf(program.meshName), meshName);
    assert.equal(await valueOf(program.routeArn), `arn:aws:appmesh:us-east-1:111122223333:Route/colors-route-${AUTO_NAME_SUFFIX}`);
    const arns = ["meshArn", "colorsV1Arn", "colorsV2Arn", "virtualRouterArn", "routeArn", "virtualServiceArn", "virtualGatewayArn", "gatewayRouteArn"];
    for (const name of arns) {
        assert.match(await valueOf(program[name]), /^arn:aws:appmesh:/, name);
    }
});
