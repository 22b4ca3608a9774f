// A virtual router: routes a virtual service's traffic to virtual nodes through its routes.

import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
import * as utilities from "./utilities";
import { MeshScopedArgs, MeshScopedResource, MeshScopedState, ResourceDescriptor } from "./resourceMetadata";

/**
 * A virtual router: routes a virtual service's traffic to virtual nodes through its routes.
 *
 * Registered as `cloudmesh:index:VirtualRouter`; the `spec` is the App Mesh API's `VirtualRouterSpec`, member for member.
 */
export class VirtualRouter extends MeshScopedResource {
    /** @internal */
    public static readonly __pulumiType = "cloudmesh:index:VirtualRouter";

    /** @internal */
    private static readonly descriptor: ResourceDescriptor = {
        type: VirtualRouter.__pulumiType,
        inputs: ["meshName", "name", "meshOwner", "spec", "tags"],
        required: ["meshName", "spec"],
    };

    /**
     * Gets an existing VirtualRouter's state by the provider's id, with optional extra properties to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The provider's id of the resource to look up.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: VirtualRouterState, opts?: pulumi.CustomResourceOptions): VirtualRouter {
        // The state may lack the required inputs: on a lookup the provider reads them, so it bypasses the args check.
        return new VirtualRouter(name, state as any, { ...opts, id: id });
    }

    /**
     * Returns true if the given object is a VirtualRouter. Designed to work even when multiple copies of this package are
     * loaded into the same process.
     */
    public static isInstance(obj: unknown): obj is VirtualRouter {
        return utilities.isResourceOfType(obj, VirtualRouter.__pulumiType);
    }

    /** The virtual router's specification (App Mesh `VirtualRouterSpec`). */
    declare public readonly spec: pulumi.Output<outputs.VirtualRouterSpec>;

    /**
     * Creates a VirtualRouter with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args: VirtualRouterArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: VirtualRouterArgs | VirtualRouterState, opts?: pulumi.CustomResourceOptions) {
        super(VirtualRouter.descriptor, name, argsOrState, opts);
    }
}

/** The set of arguments for constructing a VirtualRouter. */
export interface VirtualRouterArgs extends MeshScopedArgs {
    /** The virtual router's specification (App Mesh `VirtualRouterSpec`). Updated in place. */
    spec: pulumi.Input<inputs.VirtualRouterSpec>;
}

/** Input properties used for looking up and filtering VirtualRouter resources. */
export interface VirtualRouterState extends MeshScopedState {
    /** The virtual router's specification (App Mesh `VirtualRouterSpec`). */
    spec?: pulumi.Input<inputs.VirtualRouterSpec>;
}
