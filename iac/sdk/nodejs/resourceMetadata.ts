// The properties all seven CloudMesh resources share: App Mesh's resource metadata, and the inputs every resource
// (or every resource inside a mesh) takes. Each resource class extends CloudMeshResource with its own spec type.

import * as pulumi from "@pulumi/pulumi";
import * as utilities from "./utilities";

/** The inputs every CloudMesh resource takes. */
export interface CommonArgs {
    /**
     * The App Mesh name of the resource. When absent the provider names it: the Pulumi resource name, "-", and 7
     * random lowercase hex characters. Changing it replaces the resource.
     */
    name?: pulumi.Input<string>;
    /** Tags, key to value. Updated in place. */
    tags?: pulumi.Input<{[key: string]: pulumi.Input<string>}>;
}

/** The inputs every resource inside a mesh takes (all but Mesh). */
export interface MeshScopedArgs extends CommonArgs {
    /** The name of the mesh the resource belongs to. Changing it replaces the resource. */
    meshName: pulumi.Input<string>;
    /** The account id that owns the mesh, when it is shared from another account. Changing it replaces the resource. */
    meshOwner?: pulumi.Input<string>;
}

/** The outputs the provider computes for every CloudMesh resource (App Mesh's `ResourceMetadata` and status). */
export interface MetadataState {
    /** The resource's ARN. */
    arn?: pulumi.Input<string>;
    /** A unique id App Mesh assigned to the resource. */
    uid?: pulumi.Input<string>;
    /** The resource's version, incremented by every update. */
    version?: pulumi.Input<number>;
    /** When the resource was created (RFC 3339, UTC). */
    createdAt?: pulumi.Input<string>;
    /** When the resource was last updated (RFC 3339, UTC). */
    lastUpdatedAt?: pulumi.Input<string>;
    /** The account id that owns the mesh. */
    meshOwner?: pulumi.Input<string>;
    /** The account id that owns the resource. */
    resourceOwner?: pulumi.Input<string>;
    /** The resource's status, e.g. `ACTIVE`. */
    status?: pulumi.Input<string>;
}

/** The state (for `get`) every CloudMesh resource has: its metadata and its common inputs, all optional. */
export interface CommonState extends MetadataState, CommonArgs {}

/** The state (for `get`) every resource inside a mesh has. */
export interface MeshScopedState extends CommonState {
    /** The name of the mesh the resource belongs to. */
    meshName?: pulumi.Input<string>;
}

/** The property names the provider computes: registered as unknown outputs, never sent as inputs. */
const METADATA_OUTPUTS = [
    "arn", "uid", "version", "createdAt", "lastUpdatedAt", "meshOwner", "resourceOwner", "status",
] as const;

/** What distinguishes one resource type's registration from another's. */
export interface ResourceDescriptor {
    /** The resource token, `cloudmesh:index:<Type>`. */
    readonly type: string;
    /** Every input property name, in the order the schema lists them. */
    readonly inputs: readonly string[];
    /** The input properties that must be given (checked before registration, as Pulumi's SDKs do). */
    readonly required: readonly string[];
}

/**
 * The property bag a resource registers with: on `get` (opts.id set) the given state; otherwise the inputs as given
 * (names are never invented here: auto-naming is the provider's job) and the computed outputs as unknown.
 */
export function resourceInputs(
    descriptor: ResourceDescriptor,
    argsOrState: object | undefined,
    opts: pulumi.CustomResourceOptions,
): pulumi.Inputs {
    const bag: pulumi.Inputs = {};
    const given = (argsOrState ?? {}) as Record<string, unknown>;
    if (opts.id) {
        for (const key of new Set([...descriptor.inputs, ...METADATA_OUTPUTS])) {
            bag[key] = given[key];
        }
        return bag;
    }
    for (const key of descriptor.required) {
        // A resource adopted by URN (opts.urn) takes its inputs from state, so it needs none here.
        if (given[key] === undefined && !opts.urn) {
            throw new Error(`Missing required property '${key}'`);
        }
    }
    for (const key of descriptor.inputs) {
        bag[key] = given[key];
    }
    for (const key of METADATA_OUTPUTS) {
        // meshOwner is both an input and an output: keep the value given, if any.
        if (!(key in bag)) {
            bag[key] = undefined;
        }
    }
    return bag;
}

/**
 * The base of every CloudMesh resource: the outputs they all have, and registration from a {@link ResourceDescriptor}.
 */
export abstract class CloudMeshResource extends pulumi.CustomResource {
    /** The resource's App Mesh name (given, or chosen by the provider). */
    declare public readonly name: pulumi.Output<string>;
    /** Tags, key to value. */
    declare public readonly tags: pulumi.Output<{[key: string]: string} | undefined>;
    /** The resource's ARN. */
    declare public /*out*/ readonly arn: pulumi.Output<string>;
    /** A unique id App Mesh assigned to the resource. */
    declare public /*out*/ readonly uid: pulumi.Output<string>;
    /** The resource's version, incremented by every update. */
    declare public /*out*/ readonly version: pulumi.Output<number>;
    /** When the resource was created (RFC 3339, UTC). */
    declare public /*out*/ readonly createdAt: pulumi.Output<string>;
    /** When the resource was last updated (RFC 3339, UTC). */
    declare public /*out*/ readonly lastUpdatedAt: pulumi.Output<string>;
    /** The account id that owns the mesh. */
    declare public readonly meshOwner: pulumi.Output<string>;
    /** The account id that owns the resource. */
    declare public /*out*/ readonly resourceOwner: pulumi.Output<string>;
    /** The resource's status, e.g. `ACTIVE`. */
    declare public /*out*/ readonly status: pulumi.Output<string>;

    protected constructor(
        descriptor: ResourceDescriptor,
        name: string,
        argsOrState: object | undefined,
        opts: pulumi.CustomResourceOptions | undefined,
    ) {
        const options = opts ?? {};
        super(
            descriptor.type,
            name,
            resourceInputs(descriptor, argsOrState, options),
            pulumi.mergeOptions(utilities.resourceOptsDefaults(), options),
        );
    }
}

/** A CloudMesh resource inside a mesh (every one but Mesh). */
export abstract class MeshScopedResource extends CloudMeshResource {
    /** The name of the mesh the resource belongs to. */
    declare public readonly meshName: pulumi.Output<string>;
}
