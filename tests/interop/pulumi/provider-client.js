// Drives a Pulumi resource provider exactly as the Pulumi engine does: through Pulumi's own generated gRPC client
// (@pulumi/pulumi's proto/provider_grpc_pb.js and provider_pb.js over @grpc/grpc-js).
//
// Usage: node pulumi/provider-client.js <host:port>
// Input: one JSON command per line, {"method": "Check", "request": {...}}; request keys are the proto field names
// (urn, news, randomSeed as base64, ...), Struct fields as plain JSON, CheckRequest's autonaming as
// {"proposedName": "...", "mode": "PROPOSE" | "ENFORCE" | "DISABLE"}.
// Output: one JSON line per command, {"ok": true, "response": {...}} or {"ok": false, "code": <grpc code>, "details": "..."}.
// Exits when its input ends.
'use strict';

const readline = require('node:readline');
const grpc = require('@grpc/grpc-js');
const services = require('@pulumi/pulumi/proto/provider_grpc_pb.js');
const messages = require('@pulumi/pulumi/proto/provider_pb.js');
const plugin = require('@pulumi/pulumi/proto/plugin_pb.js');
const { Empty } = require('google-protobuf/google/protobuf/empty_pb.js');
const { Struct } = require('google-protobuf/google/protobuf/struct_pb.js');

const requestTypes = {
  GetSchema: messages.GetSchemaRequest,
  CheckConfig: messages.CheckRequest,
  DiffConfig: messages.DiffRequest,
  Configure: messages.ConfigureRequest,
  Invoke: messages.InvokeRequest,
  Check: messages.CheckRequest,
  Diff: messages.DiffRequest,
  Create: messages.CreateRequest,
  Read: messages.ReadRequest,
  Update: messages.UpdateRequest,
  Delete: messages.DeleteRequest,
  Cancel: Empty,
  GetPluginInfo: Empty,
  Attach: plugin.PluginAttach,
  GetMapping: messages.GetMappingRequest,
  GetMappings: messages.GetMappingsRequest,
  Handshake: messages.ProviderHandshakeRequest,
  Parameterize: messages.ParameterizeRequest,
  Call: messages.CallRequest,
  Construct: messages.ConstructRequest,
};

const structFields = new Set(['olds', 'news', 'properties', 'inputs', 'args', 'old_inputs', 'oldInputs']);

// Fields holding a message other than Struct, built from their JSON form.
const messageFields = {
  autonaming: (value) => {
    const options = new messages.CheckRequest.AutonamingOptions();
    options.setProposedName(value.proposedName ?? '');
    options.setMode(messages.CheckRequest.AutonamingOptions.Mode[value.mode ?? 'PROPOSE']);
    return options;
  },
};

// Sets one field through the generated setter (jspb spells them setOldInputs, setRandomseed, setIgnorechangesList).
function setField(message, key, value) {
  const wanted = key.replace(/_/g, '').toLowerCase();
  const proto = Object.getPrototypeOf(message);
  if (messageFields[key]) {
    value = messageFields[key](value);
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value) && !structFields.has(key)) {
    const getMap = Object.getOwnPropertyNames(proto).find((m) => m.toLowerCase() === `get${wanted}map`);
    if (!getMap) throw new Error(`${message.constructor.name} has no map field ${key}`);
    const map = message[getMap]();
    for (const [k, v] of Object.entries(value)) map.set(k, v);
    return;
  }
  const names = [`set${wanted}`, `set${wanted}list`];
  const setter = Object.getOwnPropertyNames(proto).find((m) => names.includes(m.toLowerCase()));
  if (!setter) throw new Error(`${message.constructor.name} has no field ${key}`);
  message[setter](structFields.has(key) ? Struct.fromJavaScript(value) : value);
}

function build(method, request) {
  const type = requestTypes[method];
  if (!type) throw new Error(`unknown method ${method}`);
  const message = new type();
  for (const [key, value] of Object.entries(request || {})) setField(message, key, value);
  return message;
}

const struct = (s) => (s ? s.toJavaScript() : null);
const failures = (list) => list.map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
const enumName = (enumType, value) => Object.keys(enumType).find((k) => enumType[k] === value) ?? String(value);

function diff(r) {
  const detailed = {};
  r.getDetaileddiffMap().forEach((v, k) => { detailed[k] = enumName(messages.PropertyDiff.Kind, v.getKind()); });
  return {
    changes: enumName(messages.DiffResponse.DiffChanges, r.getChanges()),
    replaces: r.getReplacesList(),
    diffs: r.getDiffsList(),
    deleteBeforeReplace: r.getDeletebeforereplace(),
    hasDetailedDiff: r.getHasdetaileddiff(),
    detailedDiff: detailed,
  };
}

const readers = {
  GetSchema: (r) => ({ schema: r.getSchema() }),
  CheckConfig: (r) => ({ inputs: struct(r.getInputs()), failures: failures(r.getFailuresList()) }),
  Check: (r) => ({ inputs: struct(r.getInputs()), failures: failures(r.getFailuresList()) }),
  DiffConfig: diff,
  Diff: diff,
  Configure: (r) => ({
    acceptSecrets: r.getAcceptsecrets(), supportsPreview: r.getSupportspreview(),
    acceptResources: r.getAcceptresources(), acceptOutputs: r.getAcceptoutputs(),
    supportsAutonamingConfiguration: r.getSupportsAutonamingConfiguration(),
  }),
  Invoke: (r) => ({ return: struct(r.getReturn()), failures: failures(r.getFailuresList()) }),
  Create: (r) => ({ id: r.getId(), properties: struct(r.getProperties()) }),
  Read: (r) => ({ id: r.getId(), properties: struct(r.getProperties()), inputs: struct(r.getInputs()) }),
  Update: (r) => ({ properties: struct(r.getProperties()) }),
  Delete: () => ({}),
  Cancel: () => ({}),
  Attach: () => ({}),
  GetPluginInfo: (r) => ({ version: r.getVersion() }),
  GetMapping: (r) => ({ provider: r.getProvider(), data: Buffer.from(r.getData_asU8()).toString('utf8') }),
  GetMappings: (r) => ({ providers: r.getProvidersList() }),
  Parameterize: (r) => ({ name: r.getName(), version: r.getVersion() }),
  Call: (r) => ({ return: struct(r.getReturn()) }),
  Construct: (r) => ({ urn: r.getUrn() }),
  Handshake: (r) => ({
    acceptSecrets: r.getAcceptSecrets(), acceptResources: r.getAcceptResources(), acceptOutputs: r.getAcceptOutputs(),
    supportsAutonamingConfiguration: r.getSupportsAutonamingConfiguration(),
  }),
};

const client = new services.ResourceProviderClient(process.argv[2], grpc.credentials.createInsecure());
const lower = (m) => m[0].toLowerCase() + m.slice(1);

const lines = readline.createInterface({ input: process.stdin });
let pending = Promise.resolve();
lines.on('line', (line) => {
  if (!line.trim()) return;
  // One call at a time, answered in order.
  pending = pending.then(() => new Promise((resolve) => {
    let command;
    try {
      command = JSON.parse(line);
      const request = build(command.method, command.request);
      client[lower(command.method)](request, (err, response) => {
        if (err) {
          process.stdout.write(JSON.stringify({ ok: false, code: err.code, details: err.details }) + '\n');
        } else {
          process.stdout.write(JSON.stringify({ ok: true, response: readers[command.method](response) }) + '\n');
        }
        resolve();
      });
    } catch (e) {
      process.stdout.write(JSON.stringify({ ok: false, code: -1, details: String(e && e.stack || e) }) + '\n');
      resolve();
    }
  }));
});
lines.on('close', () => { pending.then(() => client.close()); });
