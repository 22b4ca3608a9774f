// A route of a virtual router: matches requests and sends them to weighted virtual nodes.

import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
import * as utilities from "./utilities";
import { MeshScopedArgs, MeshScopedResource, MeshScopedState, ResourceDescriptor } from "./resourceMetadata";

/**
 * A route of a virtual router: matches requests and sends them to weighted virtual nodes.
 *
 * Registered as `cloudmesh:index:Route`; the `spec` is the App Mesh API's `RouteSpec`, member for member.
 */
export class Route extends MeshScopedResource {
    /** @internal */
    public static readonly __pulumiType = "cloudmesh:index:Route";

    /** @internal */
    private static readonly descriptor: ResourceDescriptor = {
        type: Route.__pulumiType,
        inputs: ["meshName", "virtualRouterName", "name", "meshOwner", "spec", "tags"],
        required: ["meshName", "virtualRouterName", "spec"],
    };

    /**
     * Gets an existing Route's state by the provider's id, with optional extra properties to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The provider's id of the resource to look up.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: RouteState, opts?: pulumi.CustomResourceOptions): Route {
        // The state may lack the required inputs: on a lookup the provider reads them, so it bypasses the args check.
        return new Route(name, state as any, { ...opts, id: id });
    }

    /**
     * Returns true if the given object is a Route. Designed to work even when multiple copies of this package are
     * loaded into the same process.
     */
    public static isInstance(obj: unknown): obj is Route {
        return utilities.isResourceOfType(obj, Route.__pulumiType);
    }

    /** The name of the virtual router the route belongs to. */
    declare public readonly virtualRouterName: pulumi.Output<string>;
    /** The route's specification (App Mesh `RouteSpec`). */
    declare public readonly spec: pulumi.Output<outputs.RouteSpec>;

    /**
     * Creates a Route with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args: RouteArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: RouteArgs | RouteState, opts?: pulumi.CustomResourceOptions) {
        super(Route.descriptor, name, argsOrState, opts);
    }
}

/** The set of arguments for constructing a Route. */
export interface RouteArgs extends MeshScopedArgs {
    /** The name of the virtual router the route belongs to. Changing it replaces the resource. */
    virtualRouterName: pulumi.Input<string>;
    /** The route's specification (App Mesh `RouteSpec`). Updated in place. */
    spec: pulumi.Input<inputs.RouteSpec>;
}

/** Input properties used for looking up and filtering Route resources. */
export interface RouteState extends MeshScopedState {
    /** The name of the virtual router the route belongs to. */
    virtualRouterName?: pulumi.Input<string>;
    /** The route's specification (App Mesh `RouteSpec`). */
    spec?: pulumi.Input<inputs.RouteSpec>;
}
