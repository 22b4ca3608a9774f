// The provider resource and the config module: contract keys, and the secret key kept secret.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import * as cloudmesh from "@cloudmesh/pulumi";
import { installMocks, registered, valueOf } from "./mockMonitor";

const recorded = installMocks();

test("the provider registers as pulumi:providers:cloudmesh with the contract's config keys", async () => {
    const provider = new cloudmesh.Provider("explicit", {
        endpoint: "http://127.0.0.1:8080",
        region: "eu-west-1",
        accessKey: "AKIDEXAMPLE",
        secretKey: "wJalrXUtnFEMI",
        profile: "colors",
    });
    await valueOf(provider.urn);
    const sent = registered(recorded, "explicit");
    assert.equal(sent.type, "pulumi:providers:cloudmesh");
    assert.equal(sent.inputs.endpoint, "http://127.0.0.1:8080");
    assert.equal(sent.inputs.region, "eu-west-1");
    assert.equal(sent.inputs.accessKey, "AKIDEXAMPLE");
    assert.equal(sent.inputs.profile, "colors");
    assert.equal(cloudmesh.Provider.isInstance(provider), true);
});

test("the secret key is sent as a secret and stays secret on the provider", async () => {
    const provider = new cloudmesh.Provider("secretive", { endpoint: "http://127.0.0.1:8080", secretKey: "wJalrXUtnFEMI" });
    await valueOf(provider.urn);
    const sent = registered(recorded, "secretive").inputs.secretKey;
    assert.equal(pulumi.runtime.isRpcSecret(sent), true, "the secret key must reach the engine wrapped as a secret");
    assert.equal(pulumi.runtime.unwrapRpcSecret(sent), "wJalrXUtnFEMI");
    assert.equal(await pulumi.isSecret(provider.secretKey), true);
    assert.equal(await pulumi.isSecret(provider.endpoint), false);
});

test("an omitted setting is not sent: the plugin applies its environment fallbacks", async () => {
    const provider = new cloudmesh.Provider("from-environment");
    await valueOf(provider.urn);
    const inputs = registered(recorded, "from-environment").inputs;
    assert.deepEqual(Object.keys(inputs).filter((key) => !key.startsWith("__") && key !== "version"), []);
});

test("resources given an explicit provider register with a reference to it", async () => {
    const provider = new cloudmesh.Provider("tenant-b", { endpoint: "http://127.0.0.1:9090" });
    const mesh = new cloudmesh.Mesh("tenant-b-mesh", { name: "shared" }, { provider });
    await valueOf(mesh.urn);
    const urn = await valueOf(provider.urn);
    const reference = registered(recorded, "tenant-b-mesh").provider ?? "";
    assert.equal(reference.startsWith(`${urn}::`), true, `provider reference ${reference} names ${urn}`);
});

test("the config module reads the cloudmesh: keys when accessed", () => {
    pulumi.runtime.setConfig("cloudmesh:endpoint", "http://127.0.0.1:8080");
    pulumi.runtime.setConfig("cloudmesh:region", "us-west-2");
    pulumi.runtime.setConfig("cloudmesh:accessKey", "AKIDEXAMPLE");
    pulumi.runtime.setConfig("cloudmesh:secretKey", "wJalrXUtnFEMI");
    pulumi.runtime.setConfig("cloudmesh:profile", "colors");
    assert.equal(cloudmesh.config.endpoint, "http://127.0.0.1:8080");
    assert.equal(cloudmesh.config.region, "us-west-2");
    assert.equal(cloudmesh.config.accessKey, "AKIDEXAMPLE");
    assert.equal(cloudmesh.config.secretKey, "wJalrXUtnFEMI");
    assert.equal(cloudmesh.config.profile, "colors");
});
