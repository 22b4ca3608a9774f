// Looks up a route by mesh, virtual router and name. The function `cloudmesh:index:getRoute`.

import * as pulumi from "@pulumi/pulumi";
import * as outputs from "./types/output";
import { MeshScopedLookupArgs, MeshScopedLookupOutputArgs, MeshScopedLookupResult, invokeLookup, invokeLookupOutput } from "./lookup";

/** The function token the provider serves getRoute under. */
const TOKEN = "cloudmesh:index:getRoute";
/** The arguments getRoute sends to the provider. */
const KEYS = ["meshName", "virtualRouterName", "name", "meshOwner"] as const;

/** Looks up a route by mesh, virtual router and name. Returns the Route's outputs, spec and tags included. */
export function getRoute(args: GetRouteArgs, opts?: pulumi.InvokeOptions): Promise<GetRouteResult> {
    return invokeLookup<GetRouteResult>(TOKEN, KEYS, args, opts);
}

/** Looks up a route by mesh, virtual router and name. Takes arguments that may be outputs of other resources and returns an output. */
export function getRouteOutput(args: GetRouteOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetRouteResult> {
    return invokeLookupOutput<GetRouteResult>(TOKEN, KEYS, args, opts);
}

/** The arguments of getRoute. */
export interface GetRouteArgs extends MeshScopedLookupArgs {
    /** The name of the virtual router the route belongs to. */
    virtualRouterName: string;
}

/** The arguments of getRouteOutput. */
export interface GetRouteOutputArgs extends MeshScopedLookupOutputArgs {
    /** The name of the virtual router the route belongs to. */
    virtualRouterName: pulumi.Input<string>;
}

/** What getRoute returns: the Route's outputs. */
export interface GetRouteResult extends MeshScopedLookupResult {
    /** The name of the virtual router the route belongs to. */
    readonly virtualRouterName: string;
    /** The specification (App Mesh `RouteSpec`). */
    readonly spec: outputs.RouteSpec;
}
