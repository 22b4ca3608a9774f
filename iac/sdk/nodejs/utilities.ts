// Helpers shared by the package's resources and functions (the counterpart of utilities.ts in Pulumi's SDKs).

import * as pulumi from "@pulumi/pulumi";

/** This package's version, which is also the version of the `cloudmesh` plugin its resources ask the engine for. */
export function getVersion(): string {
    // bin/utilities.js sits one folder below package.json; read it at run time so the version has one source.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const version: string = require("../package.json").version;
    return version;
}

/** Options every resource and invoke of this package starts from: pin the plugin version to the SDK's. */
export function resourceOptsDefaults(): pulumi.ResourceOptions & pulumi.InvokeOptions {
    return { version: getVersion() };
}

/**
 * Whether `obj` is a resource registered under `pulumiType`. Compares tokens instead of using `instanceof`, so it
 * holds even when two copies of this package are loaded in one program.
 */
export function isResourceOfType(obj: unknown, pulumiType: string): boolean {
    if (obj === undefined || obj === null || typeof obj !== "object") {
        return false;
    }
    return (obj as { __pulumiType?: unknown })["__pulumiType"] === pulumiType;
}
