// A virtual gateway: lets resources outside the mesh reach the services inside it.

import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
import * as utilities from "./utilities";
import { MeshScopedArgs, MeshScopedResource, MeshScopedState, ResourceDescriptor } from "./resourceMetadata";

/**
 * A virtual gateway: lets resources outside the mesh reach the services inside it.
 *
 * Registered as `cloudmesh:index:VirtualGateway`; the `spec` is the App Mesh API's `VirtualGatewaySpec`, member for member.
 */
export class VirtualGateway extends MeshScopedResource {
    /** @internal */
    public static readonly __pulumiType = "cloudmesh:index:VirtualGateway";

    /** @internal */
    private static readonly descriptor: ResourceDescriptor = {
        type: VirtualGateway.__pulumiType,
        inputs: ["meshName", "name", "meshOwner", "spec", "tags"],
        required: ["meshName", "spec"],
    };

    /**
     * Gets an existing VirtualGateway's state by the provider's id, with optional extra properties to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The provider's id of the resource to look up.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: VirtualGatewayState, opts?: pulumi.CustomResourceOptions): VirtualGateway {
        // The state may lack the required inputs: on a lookup the provider reads them, so it bypasses the args check.
        return new VirtualGateway(name, state as any, { ...opts, id: id });
    }

    /**
     * Returns true if the given object is a VirtualGateway. Designed to work even when multiple copies of this package are
     * loaded into the same process.
     */
    public static isInstance(obj: unknown): obj is VirtualGateway {
        return utilities.isResourceOfType(obj, VirtualGateway.__pulumiType);
    }

    /** The virtual gateway's specification (App Mesh `VirtualGatewaySpec`). */
    declare public readonly spec: pulumi.Output<outputs.VirtualGatewaySpec>;

    /**
     * Creates a VirtualGateway with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args: VirtualGatewayArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: VirtualGatewayArgs | VirtualGatewayState, opts?: pulumi.CustomResourceOptions) {
        super(VirtualGateway.descriptor, name, argsOrState, opts);
    }
}

/** The set of arguments for constructing a VirtualGateway. */
export interface VirtualGatewayArgs extends MeshScopedArgs {
    /** The virtual gateway's specification (App Mesh `VirtualGatewaySpec`). Updated in place. */
    spec: pulumi.Input<inputs.VirtualGatewaySpec>;
}

/** Input properties used for looking up and filtering VirtualGateway resources. */
export interface VirtualGatewayState extends MeshScopedState {
    /** The virtual gateway's specification (App Mesh `VirtualGatewaySpec`). */
    spec?: pulumi.Input<inputs.VirtualGatewaySpec>;
}
