// A gateway route of a virtual gateway: matches requests and sends them to a virtual service.

import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
import * as utilities from "./utilities";
import { MeshScopedArgs, MeshScopedResource, MeshScopedState, ResourceDescriptor } from "./resourceMetadata";

/**
 * A gateway route of a virtual gateway: matches requests and sends them to a virtual service.
 *
 * Registered as `cloudmesh:index:GatewayRoute`; the `spec` is the App Mesh API's `GatewayRouteSpec`, member for member.
 */
export class GatewayRoute extends MeshScopedResource {
    /** @internal */
    public static readonly __pulumiType = "cloudmesh:index:GatewayRoute";

    /** @internal */
    private static readonly descriptor: ResourceDescriptor = {
        type: GatewayRoute.__pulumiType,
        inputs: ["meshName", "virtualGatewayName", "name", "meshOwner", "spec", "tags"],
        required: ["meshName", "virtualGatewayName", "spec"],
    };

    /**
     * Gets an existing GatewayRoute's state by the provider's id, with optional extra properties to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The provider's id of the resource to look up.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: GatewayRouteState, opts?: pulumi.CustomResourceOptions): GatewayRoute {
        // The state may lack the required inputs: on a lookup the provider reads them, so it bypasses the args check.
        return new GatewayRoute(name, state as any, { ...opts, id: id });
    }

    /**
     * Returns true if the given object is a GatewayRoute. Designed to work even when multiple copies of this package are
     * loaded into the same process.
     */
    public static isInstance(obj: unknown): obj is GatewayRoute {
        return utilities.isResourceOfType(obj, GatewayRoute.__pulumiType);
    }

    /** The name of the virtual gateway the route belongs to. */
    declare public readonly virtualGatewayName: pulumi.Output<string>;
    /** The gateway route's specification (App Mesh `GatewayRouteSpec`). */
    declare public readonly spec: pulumi.Output<outputs.GatewayRouteSpec>;

    /**
     * Creates a GatewayRoute with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args: GatewayRouteArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: GatewayRouteArgs | GatewayRouteState, opts?: pulumi.CustomResourceOptions) {
        super(GatewayRoute.descriptor, name, argsOrState, opts);
    }
}

/** The set of arguments for constructing a GatewayRoute. */
export interface GatewayRouteArgs extends MeshScopedArgs {
    /** The name of the virtual gateway the route belongs to. Changing it replaces the resource. */
    virtualGatewayName: pulumi.Input<string>;
    /** The gateway route's specification (App Mesh `GatewayRouteSpec`). Updated in place. */
    spec: pulumi.Input<inputs.GatewayRouteSpec>;
}

/** Input properties used for looking up and filtering GatewayRoute resources. */
export interface GatewayRouteState extends MeshScopedState {
    /** The name of the virtual gateway the route belongs to. */
    virtualGatewayName?: pulumi.Input<string>;
    /** The gateway route's specification (App Mesh `GatewayRouteSpec`). */
    spec?: pulumi.Input<inputs.GatewayRouteSpec>;
}
