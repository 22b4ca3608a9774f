// A virtual node: a logical pointer to a task group (a deployment of one service version) and how it is reached.

import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
import * as utilities from "./utilities";
import { MeshScopedArgs, MeshScopedResource, MeshScopedState, ResourceDescriptor } from "./resourceMetadata";

/**
 * A virtual node: a logical pointer to a task group (a deployment of one service version) and how it is reached.
 *
 * Registered as `cloudmesh:index:VirtualNode`; the `spec` is the App Mesh API's `VirtualNodeSpec`, member for member.
 */
export class VirtualNode extends MeshScopedResource {
    /** @internal */
    public static readonly __pulumiType = "cloudmesh:index:VirtualNode";

    /** @internal */
    private static readonly descriptor: ResourceDescriptor = {
        type: VirtualNode.__pulumiType,
        inputs: ["meshName", "name", "meshOwner", "spec", "tags"],
        required: ["meshName", "spec"],
    };

    /**
     * Gets an existing VirtualNode's state by the provider's id, with optional extra properties to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The provider's id of the resource to look up.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: VirtualNodeState, opts?: pulumi.CustomResourceOptions): VirtualNode {
        // The state may lack the required inputs: on a lookup the provider reads them, so it bypasses the args check.
        return new VirtualNode(name, state as any, { ...opts, id: id });
    }

    /**
     * Returns true if the given object is a VirtualNode. Designed to work even when multiple copies of this package are
     * loaded into the same process.
     */
    public static isInstance(obj: unknown): obj is VirtualNode {
        return utilities.isResourceOfType(obj, VirtualNode.__pulumiType);
    }

    /** The virtual node's specification (App Mesh `VirtualNodeSpec`). */
    declare public readonly spec: pulumi.Output<outputs.VirtualNodeSpec>;

    /**
     * Creates a VirtualNode with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args: VirtualNodeArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: VirtualNodeArgs | VirtualNodeState, opts?: pulumi.CustomResourceOptions) {
        super(VirtualNode.descriptor, name, argsOrState, opts);
    }
}

/** The set of arguments for constructing a VirtualNode. */
export interface VirtualNodeArgs extends MeshScopedArgs {
    /** The virtual node's specification (App Mesh `VirtualNodeSpec`). Updated in place. */
    spec: pulumi.Input<inputs.VirtualNodeSpec>;
}

/** Input properties used for looking up and filtering VirtualNode resources. */
export interface VirtualNodeState extends MeshScopedState {
    /** The virtual node's specification (App Mesh `VirtualNodeSpec`). */
    spec?: pulumi.Input<inputs.VirtualNodeSpec>;
}
