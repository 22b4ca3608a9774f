// A proxyless gRPC client that nobody at CloudMesh wrote: @grpc/grpc-js with @grpc/grpc-js-xds resolving
// an xds:/// target through the control plane named in the bootstrap (GRPC_XDS_BOOTSTRAP_CONFIG).
// Usage: node xds-client.js <xds:///target>
// Reads commands on stdin, one per line, and answers each with one JSON line on stdout:
//   calls N  -> {"counts": {"<server>": n, ...}, "errors": {"<grpc status/message>": n}}
'use strict';
const path = require('path');
const readline = require('readline');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
require('@grpc/grpc-js-xds').register();

const target = process.argv[2];
const proto = grpc.loadPackageDefinition(protoLoader.loadSync(path.join(__dirname, 'greeter.proto')));
const client = new proto.cloudmesh.interop.Greeter(target, grpc.credentials.createInsecure());

function call() {
  return new Promise((resolve) => {
    const deadline = new Date(Date.now() + 10000);
    client.SayHello({ name: 'interop' }, { deadline }, (error, reply) => resolve(error ? { error } : { server: reply.server }));
  });
}

async function calls(n) {
  const counts = {};
  const errors = {};
  // A few calls in flight at a time: fast, and still one pick per call by the weighted policy.
  const concurrency = 8;
  let started = 0;
  async function worker() {
    while (started < n) {
      started++;
      const result = await call();
      if (result.error) {
        const key = `${result.error.code} ${result.error.details}`;
        errors[key] = (errors[key] || 0) + 1;
      } else {
        counts[result.server] = (counts[result.server] || 0) + 1;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { counts, errors };
}

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  const [command, argument] = line.trim().split(/\s+/);
  queue = queue.then(async () => {
    if (command === 'calls') {
      console.log(JSON.stringify(await calls(Number(argument))));
    } else {
      console.log(JSON.stringify({ error: `unknown command ${command}` }));
    }
  });
});
lines.on('close', () => queue.then(() => { client.close(); process.exit(0); }));
