// A virtual service: an abstraction of a real service, provided by a virtual node or a virtual router.

import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
import * as utilities from "./utilities";
import { MeshScopedArgs, MeshScopedResource, MeshScopedState, ResourceDescriptor } from "./resourceMetadata";

/**
 * A virtual service: an abstraction of a real service, provided by a virtual node or a virtual router.
 *
 * Registered as `cloudmesh:index:VirtualService`; the `spec` is the App Mesh API's `VirtualServiceSpec`, member for member.
 */
export class VirtualService extends MeshScopedResource {
    /** @internal */
    public static readonly __pulumiType = "cloudmesh:index:VirtualService";

    /** @internal */
    private static readonly descriptor: ResourceDescriptor = {
        type: VirtualService.__pulumiType,
        inputs: ["meshName", "name", "meshOwner", "spec", "tags"],
        required: ["meshName", "spec"],
    };

    /**
     * Gets an existing VirtualService's state by the provider's id, with optional extra properties to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The provider's id of the resource to look up.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: VirtualServiceState, opts?: pulumi.CustomResourceOptions): VirtualService {
        // The state may lack the required inputs: on a lookup the provider reads them, so it bypasses the args check.
        return new VirtualService(name, state as any, { ...opts, id: id });
    }

    /**
     * Returns true if the given object is a VirtualService. Designed to work even when multiple copies of this package are
     * loaded into the same process.
     */
    public static isInstance(obj: unknown): obj is VirtualService {
        return utilities.isResourceOfType(obj, VirtualService.__pulumiType);
    }

    /** The virtual service's specification (App Mesh `VirtualServiceSpec`). */
    declare public readonly spec: pulumi.Output<outputs.VirtualServiceSpec>;

    /**
     * Creates a VirtualService with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args: VirtualServiceArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: VirtualServiceArgs | VirtualServiceState, opts?: pulumi.CustomResourceOptions) {
        super(VirtualService.descriptor, name, argsOrState, opts);
    }
}

/** The set of arguments for constructing a VirtualService. */
export interface VirtualServiceArgs extends MeshScopedArgs {
    /** The virtual service's specification (App Mesh `VirtualServiceSpec`). Updated in place. */
    spec: pulumi.Input<inputs.VirtualServiceSpec>;
}

/** Input properties used for looking up and filtering VirtualService resources. */
export interface VirtualServiceState extends MeshScopedState {
    /** The virtual service's specification (App Mesh `VirtualServiceSpec`). */
    spec?: pulumi.Input<inputs.VirtualServiceSpec>;
}
