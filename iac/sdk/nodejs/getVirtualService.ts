// Looks up a virtual service by mesh and name. The function `cloudmesh:index:getVirtualService`.

import * as pulumi from "@pulumi/pulumi";
import * as outputs from "./types/output";
import { MeshScopedLookupArgs, MeshScopedLookupOutputArgs, MeshScopedLookupResult, invokeLookup, invokeLookupOutput } from "./lookup";

/** The function token the provider serves getVirtualService under. */
const TOKEN = "cloudmesh:index:getVirtualService";
/** The arguments getVirtualService sends to the provider. */
const KEYS = ["meshName", "name", "meshOwner"] as const;

/** Looks up a virtual service by mesh and name. Returns the VirtualService's outputs, spec and tags included. */
export function getVirtualService(args: GetVirtualServiceArgs, opts?: pulumi.InvokeOptions): Promise<GetVirtualServiceResult> {
    return invokeLookup<GetVirtualServiceResult>(TOKEN, KEYS, args, opts);
}

/** Looks up a virtual service by mesh and name. Takes arguments that may be outputs of other resources and returns an output. */
export function getVirtualServiceOutput(args: GetVirtualServiceOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetVirtualServiceResult> {
    return invokeLookupOutput<GetVirtualServiceResult>(TOKEN, KEYS, args, opts);
}

/** The arguments of getVirtualService. */
export type GetVirtualServiceArgs = MeshScopedLookupArgs;

/** The arguments of getVirtualServiceOutput. */
export type GetVirtualServiceOutputArgs = MeshScopedLookupOutputArgs;

/** What getVirtualService returns: the VirtualService's outputs. */
export interface GetVirtualServiceResult extends MeshScopedLookupResult {
    /** The specification (App Mesh `VirtualServiceSpec`). */
    readonly spec: outputs.VirtualServiceSpec;
}
