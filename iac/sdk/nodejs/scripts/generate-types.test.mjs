// The type generator against the real App Mesh model: every structure reachable from the seven specs is emitted,
// with the model's member names, required members non-optional, and enums with their wire values.

import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { ROOT_SHAPES, enumMemberName, generate, reachableShapes } from "./generate-types.mjs";

const modelFile = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../api/CloudMesh.AppMesh.Model/appmesh-2019-01-25.json");
const model = JSON.parse(readFileSync(modelFile, "utf8"));
const files = generate(model, "appmesh-2019-01-25.json");

/** The body of `export interface name { ... }` in a generated file. */
function interfaceBody(text, name) {
    const match = text.match(new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}\\n`));
    assert.ok(match, `no interface ${name}`);
    return match[1];
}

test("every structure reachable from the seven specs has an input and an output interface", () => {
    const structures = reachableShapes(model.shapes).filter((name) => model.shapes[name].type === "structure");
    for (const root of ROOT_SHAPES) {
        assert.ok(structures.includes(root), root);
    }
    for (const name of structures) {
        interfaceBody(files["input.ts"], name);
        interfaceBody(files["output.ts"], name);
    }
    // Spot checks deep in the tree: a listener's TLS validation and a gateway route's rewrite.
    for (const name of ["ListenerTlsValidationContext", "SubjectAlternativeNameMatchers", "HttpGatewayRoutePrefixRewrite"]) {
        assert.ok(structures.includes(name), name);
    }
});

test("members keep the model's names; required ones are not optional", () => {
    const input = interfaceBody(files["input.ts"], "PortMapping");
    assert.match(input, /^ {4}port: pulumi\.Input<number>;$/m);
    assert.match(input, /^ {4}protocol: pulumi\.Input<enums\.PortProtocol>;$/m);
    const output = interfaceBody(files["output.ts"], "HttpRoute");
    assert.match(output, /^ {4}readonly action: outputs\.HttpRouteAction;$/m);
    assert.match(output, /^ {4}readonly retryPolicy\?: outputs\.HttpRetryPolicy;$/m);
    const weighted = interfaceBody(files["input.ts"], "HttpRouteAction");
    assert.match(weighted, /^ {4}weightedTargets: pulumi\.Input<pulumi\.Input<inputs\.WeightedTarget>\[\]>;$/m);
});

test("unions say so, and constraints are documented", () => {
    assert.match(files["input.ts"], /The App Mesh `VirtualServiceProvider` structure \(input\)\.\n \*\n \* A union: set exactly one of its members\./);
    assert.match(interfaceBody(files["output.ts"], "PortMapping"), /Constraints: range 1\.\.65535\./);
});

test("enums carry the wire values under PascalCase names", () => {
    assert.match(files["enums/index.ts"], /export const PortProtocol = \{\n {4}Http: "http",\n {4}Tcp: "tcp",\n {4}Http2: "http2",\n {4}Grpc: "grpc",\n\} as const;/);
    assert.equal(enumMemberName("DROP_ALL"), "DropAll");
    assert.equal(enumMemberName("ms"), "Ms");
});

test("a shape missing from the model is an error, not a silent gap", () => {
    assert.throws(() => reachableShapes(model.shapes, ["NoSuchShape"]), /no shape 'NoSuchShape'/);
});
