// A service mesh: the boundary for network traffic between the services inside it.

import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./types/input";
import * as outputs from "./types/output";
import * as utilities from "./utilities";
import { CloudMeshResource, CommonArgs, CommonState, ResourceDescriptor } from "./resourceMetadata";

/**
 * A service mesh: the boundary for network traffic between the services inside it.
 *
 * Registered as `cloudmesh:index:Mesh`; the `spec` is the App Mesh API's `MeshSpec`, member for member.
 */
export class Mesh extends CloudMeshResource {
    /** @internal */
    public static readonly __pulumiType = "cloudmesh:index:Mesh";

    /** @internal */
    private static readonly descriptor: ResourceDescriptor = {
        type: Mesh.__pulumiType,
        inputs: ["name", "spec", "tags"],
        required: [],
    };

    /**
     * Gets an existing Mesh's state by the provider's id, with optional extra properties to qualify the lookup.
     *
     * @param name The _unique_ name of the resulting resource.
     * @param id The provider's id of the resource to look up.
     * @param state Any extra arguments used during the lookup.
     * @param opts Optional settings to control the behavior of the CustomResource.
     */
    public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: MeshState, opts?: pulumi.CustomResourceOptions): Mesh {
        // The state may lack the required inputs: on a lookup the provider reads them, so it bypasses the args check.
        return new Mesh(name, state as any, { ...opts, id: id });
    }

    /**
     * Returns true if the given object is a Mesh. Designed to work even when multiple copies of this package are
     * loaded into the same process.
     */
    public static isInstance(obj: unknown): obj is Mesh {
        return utilities.isResourceOfType(obj, Mesh.__pulumiType);
    }

    /** The mesh's specification (App Mesh `MeshSpec`). */
    declare public readonly spec: pulumi.Output<outputs.MeshSpec>;

    /**
     * Creates a Mesh with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args?: MeshArgs, opts?: pulumi.CustomResourceOptions);
    constructor(name: string, argsOrState?: MeshArgs | MeshState, opts?: pulumi.CustomResourceOptions) {
        super(Mesh.descriptor, name, argsOrState, opts);
    }
}

/** The set of arguments for constructing a Mesh. */
export interface MeshArgs extends CommonArgs {
    /** The mesh's specification (App Mesh `MeshSpec`). Updated in place. */
    spec?: pulumi.Input<inputs.MeshSpec>;
}

/** Input properties used for looking up and filtering Mesh resources. */
export interface MeshState extends CommonState {
    /** The mesh's specification (App Mesh `MeshSpec`). */
    spec?: pulumi.Input<inputs.MeshSpec>;
}
