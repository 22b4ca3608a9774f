// Looks up a virtual gateway by mesh and name. The function `cloudmesh:index:getVirtualGateway`.

import * as pulumi from "@pulumi/pulumi";
import * as outputs from "./types/output";
import { MeshScopedLookupArgs, MeshScopedLookupOutputArgs, MeshScopedLookupResult, invokeLookup, invokeLookupOutput } from "./lookup";

/** The function token the provider serves getVirtualGateway under. */
const TOKEN = "cloudmesh:index:getVirtualGateway";
/** The arguments getVirtualGateway sends to the provider. */
const KEYS = ["meshName", "name", "meshOwner"] as const;

/** Looks up a virtual gateway by mesh and name. Returns the VirtualGateway's outputs, spec and tags included. */
export function getVirtualGateway(args: GetVirtualGatewayArgs, opts?: pulumi.InvokeOptions): Promise<GetVirtualGatewayResult> {
    return invokeLookup<GetVirtualGatewayResult>(TOKEN, KEYS, args, opts);
}

/** Looks up a virtual gateway by mesh and name. Takes arguments that may be outputs of other resources and returns an output. */
export function getVirtualGatewayOutput(args: GetVirtualGatewayOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetVirtualGatewayResult> {
    return invokeLookupOutput<GetVirtualGatewayResult>(TOKEN, KEYS, args, opts);
}

/** The arguments of getVirtualGateway. */
export type GetVirtualGatewayArgs = MeshScopedLookupArgs;

/** The arguments of getVirtualGatewayOutput. */
export type GetVirtualGatewayOutputArgs = MeshScopedLookupOutputArgs;

/** What getVirtualGateway returns: the VirtualGateway's outputs. */
export interface GetVirtualGatewayResult extends MeshScopedLookupResult {
    /** The specification (App Mesh `VirtualGatewaySpec`). */
    readonly spec: outputs.VirtualGatewaySpec;
}
