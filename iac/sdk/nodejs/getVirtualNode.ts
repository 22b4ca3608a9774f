// Looks up a virtual node by mesh and name. The function `cloudmesh:index:getVirtualNode`.

import * as pulumi from "@pulumi/pulumi";
import * as outputs from "./types/output";
import { MeshScopedLookupArgs, MeshScopedLookupOutputArgs, MeshScopedLookupResult, invokeLookup, invokeLookupOutput } from "./lookup";

/** The function token the provider serves getVirtualNode under. */
const TOKEN = "cloudmesh:index:getVirtualNode";
/** The arguments getVirtualNode sends to the provider. */
const KEYS = ["meshName", "name", "meshOwner"] as const;

/** Looks up a virtual node by mesh and name. Returns the VirtualNode's outputs, spec and tags included. */
export function getVirtualNode(args: GetVirtualNodeArgs, opts?: pulumi.InvokeOptions): Promise<GetVirtualNodeResult> {
    return invokeLookup<GetVirtualNodeResult>(TOKEN, KEYS, args, opts);
}

/** Looks up a virtual node by mesh and name. Takes arguments that may be outputs of other resources and returns an output. */
export function getVirtualNodeOutput(args: GetVirtualNodeOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetVirtualNodeResult> {
    return invokeLookupOutput<GetVirtualNodeResult>(TOKEN, KEYS, args, opts);
}

/** The arguments of getVirtualNode. */
export type GetVirtualNodeArgs = MeshScopedLookupArgs;

/** The arguments of getVirtualNodeOutput. */
export type GetVirtualNodeOutputArgs = MeshScopedLookupOutputArgs;

/** What getVirtualNode returns: the VirtualNode's outputs. */
export interface GetVirtualNodeResult extends MeshScopedLookupResult {
    /** The specification (App Mesh `VirtualNodeSpec`). */
    readonly spec: outputs.VirtualNodeSpec;
}
