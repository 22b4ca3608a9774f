// Looks up a gateway route by mesh, virtual gateway and name. The function `cloudmesh:index:getGatewayRoute`.

import * as pulumi from "@pulumi/pulumi";
import * as outputs from "./types/output";
import { MeshScopedLookupArgs, MeshScopedLookupOutputArgs, MeshScopedLookupResult, invokeLookup, invokeLookupOutput } from "./lookup";

/** The function token the provider serves getGatewayRoute under. */
const TOKEN = "cloudmesh:index:getGatewayRoute";
/** The arguments getGatewayRoute sends to the provider. */
const KEYS = ["meshName", "virtualGatewayName", "name", "meshOwner"] as const;

/** Looks up a gateway route by mesh, virtual gateway and name. Returns the GatewayRoute's outputs, spec and tags included. */
export function getGatewayRoute(args: GetGatewayRouteArgs, opts?: pulumi.InvokeOptions): Promise<GetGatewayRouteResult> {
    return invokeLookup<GetGatewayRouteResult>(TOKEN, KEYS, args, opts);
}

/** Looks up a gateway route by mesh, virtual gateway and name. Takes arguments that may be outputs of other resources and returns an output. */
export function getGatewayRouteOutput(args: GetGatewayRouteOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetGatewayRouteResult> {
    return invokeLookupOutput<GetGatewayRouteResult>(TOKEN, KEYS, args, opts);
}

/** The arguments of getGatewayRoute. */
export interface GetGatewayRouteArgs extends MeshScopedLookupArgs {
    /** The name of the virtual gateway the route belongs to. */
    virtualGatewayName: string;
}

/** The arguments of getGatewayRouteOutput. */
export interface GetGatewayRouteOutputArgs extends MeshScopedLookupOutputArgs {
    /** The name of the virtual gateway the route belongs to. */
    virtualGatewayName: pulumi.Input<string>;
}

/** What getGatewayRoute returns: the GatewayRoute's outputs. */
export interface GetGatewayRouteResult extends MeshScopedLookupResult {
    /** The name of the virtual gateway the route belongs to. */
    readonly virtualGatewayName: string;
    /** The specification (App Mesh `GatewayRouteSpec`). */
    readonly spec: outputs.GatewayRouteSpec;
}
