// The colors app on CloudMesh: two versions of one service behind a virtual router that sends 90% of requests to
// colors-v1 and 10% to colors-v2, reachable from outside the mesh through a virtual gateway.

import * as cloudmesh from "@cloudmesh/pulumi";

/** The port every colors task and the router listen on. */
const servicePort = 8080;
/** The port the gateway's proxy listens on for traffic from outside the mesh. */
const gatewayPort = 8088;

// The mesh name is left to the provider (the resource name plus a random suffix), so two stacks never collide;
// everything below refers to it through `mesh.name`.
const mesh = new cloudmesh.Mesh("colors", {
    spec: { egressFilter: { type: "DROP_ALL" } },
    tags: { app: "colors" },
});

/** A virtual node for one version of the colors service, found by its DNS name and health-checked over HTTP. */
function colorsNode(version: string): cloudmesh.VirtualNode {
    return new cloudmesh.VirtualNode(`colors-${version}`, {
        meshName: mesh.name,
        spec: {
            listeners: [{
                portMapping: { port: servicePort, protocol: "http" },
                healthCheck: {
                    protocol: "http",
                    path: "/ping",
                    healthyThreshold: 2,
                    unhealthyThreshold: 3,
                    intervalMillis: 5000,
                    timeoutMillis: 2000,
                },
            }],
            serviceDiscovery: { dns: { hostname: `colors-${version}.colors.local` } },
        },
        tags: { app: "colors", version },
    });
}

const colorsV1 = colorsNode("v1");
const colorsV2 = colorsNode("v2");

const router = new cloudmesh.VirtualRouter("colors-router", {
    meshName: mesh.name,
    spec: { listeners: [{ portMapping: { port: servicePort, protocol: "http" } }] },
});

// The canary split: the weights are relative, so 90/10 sends one request in ten to v2.
const route = new cloudmesh.Route("colors-route", {
    meshName: mesh.name,
    virtualRouterName: router.name,
    spec: {
        httpRoute: {
            match: { prefix: "/" },
            action: {
                weightedTargets: [
                    { virtualNode: colorsV1.name, weight: 90 },
                    { virtualNode: colorsV2.name, weight: 10 },
                ],
            },
            retryPolicy: {
                maxRetries: 2,
                perRetryTimeout: { unit: "ms", value: 2000 },
                httpRetryEvents: ["server-error", "gateway-error"],
            },
        },
    },
});

// A virtual service's name is the DNS name clients call, so it is given rather than generated.
const service = new cloudmesh.VirtualService("colors-service", {
    meshName: mesh.name,
    name: "colors.colors.local",
    spec: { provider: { virtualRouter: { virtualRouterName: router.name } } },
});

const gateway = new cloudmesh.VirtualGateway("colors-gateway", {
    meshName: mesh.name,
    spec: { listeners: [{ portMapping: { port: gatewayPort, protocol: "http" } }] },
});

const gatewayRoute = new cloudmesh.GatewayRoute("colors-gateway-route", {
    meshName: mesh.name,
    virtualGatewayName: gateway.name,
    spec: {
        httpRoute: {
            match: { prefix: "/" },
            action: { target: { virtualService: { virtualServiceName: service.name } } },
        },
    },
});

export const meshName = mesh.name;
export const meshArn = mesh.arn;
export const colorsV1Arn = colorsV1.arn;
export const colorsV2Arn = colorsV2.arn;
export const virtualRouterArn = router.arn;
export const routeArn = route.arn;
export const virtualServiceArn = service.arn;
export const virtualGatewayArn = gateway.arn;
export const gatewayRouteArn = gatewayRoute.arn;
