// @cloudmesh/pulumi: Pulumi resources and functions for CloudMesh, the self-hosted App Mesh-compatible service mesh.

import * as pulumi from "@pulumi/pulumi";
import * as utilities from "./utilities";
import { GatewayRoute } from "./gatewayRoute";
import { Mesh } from "./mesh";
import { Provider } from "./provider";
import { Route } from "./route";
import { VirtualGateway } from "./virtualGateway";
import { VirtualNode } from "./virtualNode";
import { VirtualRouter } from "./virtualRouter";
import { VirtualService } from "./virtualService";

export * from "./provider";
export * from "./mesh";
export * from "./virtualNode";
export * from "./virtualService";
export * from "./virtualRouter";
export * from "./route";
export * from "./virtualGateway";
export * from "./gatewayRoute";
export * from "./getMesh";
export * from "./getVirtualNode";
export * from "./getVirtualService";
export * from "./getVirtualRouter";
export * from "./getRoute";
export * from "./getVirtualGateway";
export * from "./getGatewayRoute";
export { CommonArgs, CommonState, MeshScopedArgs, MeshScopedState, MetadataState } from "./resourceMetadata";
export { LookupResult, MeshScopedLookupArgs, MeshScopedLookupOutputArgs, MeshScopedLookupResult } from "./lookup";

import * as config from "./config";
import * as types from "./types";
export { config, types };

/** Every resource class, by token: how the runtime rebuilds resource references it receives (e.g. from a component). */
// Rebuilt by URN, with no args: the args type is `any` because each class's own args type requires properties.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const resourceClasses: Record<string, new (name: string, args: any, opts: pulumi.CustomResourceOptions) => pulumi.Resource> = {
    [Mesh.__pulumiType]: Mesh,
    [VirtualNode.__pulumiType]: VirtualNode,
    [VirtualService.__pulumiType]: VirtualService,
    [VirtualRouter.__pulumiType]: VirtualRouter,
    [Route.__pulumiType]: Route,
    [VirtualGateway.__pulumiType]: VirtualGateway,
    [GatewayRoute.__pulumiType]: GatewayRoute,
};

pulumi.runtime.registerResourceModule("cloudmesh", "index", {
    version: utilities.getVersion(),
    construct: (name: string, type: string, urn: string): pulumi.Resource => {
        const resourceClass = resourceClasses[type];
        if (!resourceClass) {
            throw new Error(`unknown resource type ${type}`);
        }
        return new resourceClass(name, undefined, { urn });
    },
});

pulumi.runtime.registerResourcePackage("cloudmesh", {
    version: utilities.getVersion(),
    constructProvider: (name: string, type: string, urn: string): pulumi.ProviderResource => {
        if (type !== "pulumi:providers:cloudmesh") {
            throw new Error(`unknown provider type ${type}`);
        }
        return new Provider(name, undefined, { urn });
    },
});
