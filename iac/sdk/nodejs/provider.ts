// The `cloudmesh` provider resource: how a program points resources at a particular CloudMesh with particular keys.

import * as pulumi from "@pulumi/pulumi";
import * as utilities from "./utilities";

/**
 * The provider type for the cloudmesh package. By default resources use the stack's `cloudmesh:*` configuration;
 * an explicit `Provider` passed as a resource's `provider` option targets another CloudMesh or account.
 *
 * Settings left out fall back, in the plugin, to the environment: `CLOUDMESH_ENDPOINT` (or
 * `AWS_ENDPOINT_URL_APP_MESH`, `AWS_ENDPOINT_URL`), `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
 * `AWS_PROFILE`. This SDK does not read the environment, so credentials from it never land in the stack's state.
 */
export class Provider extends pulumi.ProviderResource {
    /** @internal */
    public static readonly __pulumiType = "cloudmesh";

    /**
     * Returns true if the given object is a cloudmesh Provider. Designed to work even when multiple copies of this
     * package are loaded into the same process.
     */
    public static isInstance(obj: unknown): obj is Provider {
        return utilities.isResourceOfType(obj, "pulumi:providers:" + Provider.__pulumiType);
    }

    /** The CloudMesh API base URL. */
    declare public readonly endpoint: pulumi.Output<string | undefined>;
    /** The region requests are signed for. */
    declare public readonly region: pulumi.Output<string | undefined>;
    /** The tenant's access key id. */
    declare public readonly accessKey: pulumi.Output<string | undefined>;
    /** The tenant's secret access key (a secret). */
    declare public readonly secretKey: pulumi.Output<string | undefined>;
    /** The shared-credentials profile used when no keys are given. */
    declare public readonly profile: pulumi.Output<string | undefined>;

    /**
     * Creates a Provider with the given unique name, arguments, and options.
     *
     * @param name The _unique_ name of the resource.
     * @param args The arguments to use to populate this resource's properties.
     * @param opts A bag of options that control this resource's behavior.
     */
    constructor(name: string, args?: ProviderArgs, opts?: pulumi.ResourceOptions) {
        const resourceInputs: pulumi.Inputs = {
            endpoint: args?.endpoint,
            region: args?.region,
            accessKey: args?.accessKey,
            // Wrapped here as well as listed below, so the value is secret from the moment it is registered.
            secretKey: args?.secretKey ? pulumi.secret(args.secretKey) : undefined,
            profile: args?.profile,
        };
        // The option is declared on CustomResourceOptions only, but the runtime honours it for providers too.
        const secretOpts: pulumi.CustomResourceOptions = { additionalSecretOutputs: ["secretKey"] };
        const options = pulumi.mergeOptions(pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts ?? {}), secretOpts);
        super(Provider.__pulumiType, name, resourceInputs, options);
    }
}

/** The set of arguments for constructing a Provider. */
export interface ProviderArgs {
    /** The CloudMesh API base URL, e.g. `http://localhost:8080`. */
    endpoint?: pulumi.Input<string>;
    /** The region requests are signed for (the plugin's default is `us-east-1`). */
    region?: pulumi.Input<string>;
    /** The tenant's access key id. */
    accessKey?: pulumi.Input<string>;
    /** The tenant's secret access key; always stored as a secret. */
    secretKey?: pulumi.Input<string>;
    /** The shared-credentials profile used when no keys are given. */
    profile?: pulumi.Input<string>;
}
