// The fake engine every test file installs: it records what the SDK registers and invokes, and answers like the
// cloudmesh provider would (auto-names, metadata), so tests can check both what is sent and what comes back.

import * as pulumi from "@pulumi/pulumi";

/** The account id the fake provider reports as mesh and resource owner. */
export const ACCOUNT = "111122223333";

/** The suffix the fake provider appends when it names a resource (the real one uses 7 random hex characters). */
export const AUTO_NAME_SUFFIX = "0a1b2c3";

/** Everything the program sent to the fake engine, in order. */
export interface Recorded {
    readonly resources: pulumi.runtime.MockResourceArgs[];
    readonly calls: pulumi.runtime.MockCallArgs[];
}

/** What the fake provider answers to a function call, by token; calls to other tokens fail. */
export type CallResults = Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>>;

/** The metadata outputs the fake provider computes for a CloudMesh resource named `name`. */
export function metadataFor(type: string, name: string): Record<string, unknown> {
    const kind = type.slice("cloudmesh:index:".length);
    return {
        arn: `arn:aws:appmesh:us-east-1:${ACCOUNT}:${kind}/${name}`,
        uid: `uid-${name}`,
        version: 1,
        createdAt: "2026-11-22T10:00:00Z",
        lastUpdatedAt: "2026-11-22T10:00:00Z",
        resourceOwner: ACCOUNT,
        status: "ACTIVE",
    };
}

/** Installs the fake engine (once per test file: each file runs in its own process). */
export function installMocks(callResults: CallResults = {}): Recorded {
    const recorded: Recorded = { resources: [], calls: [] };
    pulumi.runtime.setMocks(
        {
            newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
                recorded.resources.push(args);
                if (!args.type.startsWith("cloudmesh:index:")) {
                    return { id: `${args.name}-id`, state: args.inputs };
                }
                const name = args.inputs.name ?? `${args.name}-${AUTO_NAME_SUFFIX}`;
                return {
                    id: args.id || `${name}-id`,
                    state: { ...args.inputs, name, meshOwner: args.inputs.meshOwner ?? ACCOUNT, ...metadataFor(args.type, name) },
                };
            },
            call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
                recorded.calls.push(args);
                const answer = callResults[args.token];
                if (!answer) {
                    throw new Error(`unexpected call ${args.token}`);
                }
                return answer(args.inputs);
            },
        },
        "cloudmesh-sdk-tests",
        "test",
        false,
    );
    return recorded;
}

/** The value of an output, once known. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** The one recorded registration of the resource named `name`. */
export function registered(recorded: Recorded, name: string): pulumi.runtime.MockResourceArgs {
    const matches = recorded.resources.filter((r) => r.name === name);
    if (matches.length !== 1) {
        throw new Error(`expected one registration of '${name}', found ${matches.length}`);
    }
    return matches[0];
}
