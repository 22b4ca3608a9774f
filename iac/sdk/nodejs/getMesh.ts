// Looks up a mesh by name. The function `cloudmesh:index:getMesh`.

import * as pulumi from "@pulumi/pulumi";
import * as outputs from "./types/output";
import { LookupResult, invokeLookup, invokeLookupOutput } from "./lookup";

/** The function token the provider serves getMesh under. */
const TOKEN = "cloudmesh:index:getMesh";
/** The arguments getMesh sends to the provider. */
const KEYS = ["name"] as const;

/** Looks up a mesh by name. Returns the Mesh's outputs, spec and tags included. */
export function getMesh(args: GetMeshArgs, opts?: pulumi.InvokeOptions): Promise<GetMeshResult> {
    return invokeLookup<GetMeshResult>(TOKEN, KEYS, args, opts);
}

/** Looks up a mesh by name. Takes arguments that may be outputs of other resources and returns an output. */
export function getMeshOutput(args: GetMeshOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetMeshResult> {
    return invokeLookupOutput<GetMeshResult>(TOKEN, KEYS, args, opts);
}

/** The arguments of getMesh. */
export interface GetMeshArgs {
    /** The mesh's name. */
    name: string;
}

/** The arguments of getMeshOutput. */
export interface GetMeshOutputArgs {
    /** The mesh's name. */
    name: pulumi.Input<string>;
}

/** What getMesh returns: the Mesh's outputs. */
export interface GetMeshResult extends LookupResult {
    /** The specification (App Mesh `MeshSpec`). */
    readonly spec: outputs.MeshSpec;
}
