// What the seven get<Type> functions share: the result properties every resource has, the arguments every lookup
// inside a mesh takes, and the one way they call the provider.

import * as pulumi from "@pulumi/pulumi";
import * as utilities from "./utilities";

/** The properties every get<Type> function returns: the resource's name, tags and App Mesh metadata. */
export interface LookupResult {
    /** The resource's App Mesh name. */
    readonly name: string;
    /** Tags, key to value. */
    readonly tags?: {[key: string]: string};
    /** The resource's ARN. */
    readonly arn: string;
    /** A unique id App Mesh assigned to the resource. */
    readonly uid: string;
    /** The resource's version, incremented by every update. */
    readonly version: number;
    /** When the resource was created (RFC 3339, UTC). */
    readonly createdAt: string;
    /** When the resource was last updated (RFC 3339, UTC). */
    readonly lastUpdatedAt: string;
    /** The account id that owns the mesh. */
    readonly meshOwner: string;
    /** The account id that owns the resource. */
    readonly resourceOwner: string;
    /** The resource's status, e.g. `ACTIVE`. */
    readonly status: string;
}

/** The properties every get<Type> function returns for a resource inside a mesh. */
export interface MeshScopedLookupResult extends LookupResult {
    /** The name of the mesh the resource belongs to. */
    readonly meshName: string;
}

/** The arguments every lookup of a resource inside a mesh takes. */
export interface MeshScopedLookupArgs {
    /** The name of the mesh the resource belongs to. */
    meshName: string;
    /** The resource's App Mesh name. */
    name: string;
    /** The account id that owns the mesh, when it is shared from another account. */
    meshOwner?: string;
}

/** {@link MeshScopedLookupArgs} whose values may be outputs of other resources. */
export type MeshScopedLookupOutputArgs = { [K in keyof MeshScopedLookupArgs]: pulumi.Input<MeshScopedLookupArgs[K]> };

/**
 * Calls the provider function `token` with `args`, as a promise. Only the argument names in `keys` are sent, so a
 * caller's extra properties never reach the provider.
 */
export function invokeLookup<T>(token: string, keys: readonly string[], args: object, opts?: pulumi.InvokeOptions): Promise<T> {
    const options = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts ?? {});
    return pulumi.runtime.invoke(token, pick(keys, args), options);
}

/** Calls the provider function `token` with `args`, which may hold outputs, as an output. */
export function invokeLookupOutput<T>(
    token: string,
    keys: readonly string[],
    args: object,
    opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<T> {
    const options = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts ?? {});
    return pulumi.runtime.invokeOutput<T>(token, pick(keys, args), options);
}

function pick(keys: readonly string[], args: object): pulumi.Inputs {
    const given = args as Record<string, unknown>;
    const props: pulumi.Inputs = {};
    for (const key of keys) {
        props[key] = given[key];
    }
    return props;
}
