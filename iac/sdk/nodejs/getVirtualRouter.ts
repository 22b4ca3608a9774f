// Looks up a virtual router by mesh and name. The function `cloudmesh:index:getVirtualRouter`.

import * as pulumi from "@pulumi/pulumi";
import * as outputs from "./types/output";
import { MeshScopedLookupArgs, MeshScopedLookupOutputArgs, MeshScopedLookupResult, invokeLookup, invokeLookupOutput } from "./lookup";

/** The function token the provider serves getVirtualRouter under. */
const TOKEN = "cloudmesh:index:getVirtualRouter";
/** The arguments getVirtualRouter sends to the provider. */
const KEYS = ["meshName", "name", "meshOwner"] as const;

/** Looks up a virtual router by mesh and name. Returns the VirtualRouter's outputs, spec and tags included. */
export function getVirtualRouter(args: GetVirtualRouterArgs, opts?: pulumi.InvokeOptions): Promise<GetVirtualRouterResult> {
    return invokeLookup<GetVirtualRouterResult>(TOKEN, KEYS, args, opts);
}

/** Looks up a virtual router by mesh and name. Takes arguments that may be outputs of other resources and returns an output. */
export function getVirtualRouterOutput(args: GetVirtualRouterOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetVirtualRouterResult> {
    return invokeLookupOutput<GetVirtualRouterResult>(TOKEN, KEYS, args, opts);
}

/** The arguments of getVirtualRouter. */
export type GetVirtualRouterArgs = MeshScopedLookupArgs;

/** The arguments of getVirtualRouterOutput. */
export type GetVirtualRouterOutputArgs = MeshScopedLookupOutputArgs;

/** What getVirtualRouter returns: the VirtualRouter's outputs. */
export interface GetVirtualRouterResult extends MeshScopedLookupResult {
    /** The specification (App Mesh `VirtualRouterSpec`). */
    readonly spec: outputs.VirtualRouterSpec;
}
