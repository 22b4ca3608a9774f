// The stack's `cloudmesh:*` configuration, read when a value is accessed (not when the module loads), so values
// set after import (e.g. by tests or the automation API) are seen.

import * as pulumi from "@pulumi/pulumi";

declare const exports: Record<string, unknown>;
const __config = new pulumi.Config("cloudmesh");

/**
 * Defines a getter for one config key. Values are returned as configured; the plugin, not this SDK, applies the
 * environment fallbacks (see Provider), so a missing key reads as undefined here.
 */
function defineConfigValue(key: string): void {
    Object.defineProperty(exports, key, {
        get() {
            return __config.get(key);
        },
        enumerable: true,
    });
}

/** `cloudmesh:endpoint`: the CloudMesh API base URL. */
export declare const endpoint: string | undefined;
defineConfigValue("endpoint");

/** `cloudmesh:region`: the region requests are signed for. */
export declare const region: string | undefined;
defineConfigValue("region");

/** `cloudmesh:accessKey`: the tenant's access key id. */
export declare const accessKey: string | undefined;
defineConfigValue("accessKey");

/** `cloudmesh:secretKey`: the tenant's secret access key (set it with `pulumi config set --secret`). */
export declare const secretKey: string | undefined;
defineConfigValue("secretKey");

/** `cloudmesh:profile`: the shared-credentials profile used when no keys are given. */
export declare const profile: string | undefined;
defineConfigValue("profile");
