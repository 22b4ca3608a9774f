'use strict';
// A grpc-js client (one we did not write) driving CloudMesh's server through one scenario, printing what it
// observed as one JSON line for the .NET test to check.
// Usage: node test-client.js <test_service.proto> <host:port> <scenario> [tag]
const { grpc, loadTestService } = require('./load-proto');

const [protoPath, target, scenario, tag = ''] = process.argv.slice(2);
const testPackage = loadTestService(protoPath);

function client(options = {}) {
  return new testPackage.TestService(target, grpc.credentials.createInsecure(), options);
}

function metadataToJson(metadata) {
  const result = {};
  for (const [key, values] of Object.entries(metadata.toJSON())) {
    result[key] = values.map((v) => (Buffer.isBuffer(v) ? `base64:${v.toString('base64')}` : v));
  }
  return result;
}

function errorToJson(error) {
  return { code: error.code, details: error.details, trailers: metadataToJson(error.metadata || new grpc.Metadata()) };
}

// Resolves on the 'status' event, which grpc-js emits after the callback: by then headers and trailers are in.
function unary(c, request, metadata = new grpc.Metadata(), options = {}) {
  return new Promise((resolve) => {
    let headers = new grpc.Metadata();
    let outcome = {};
    const call = c.Unary(request, metadata, options, (error, reply) => { outcome = { error, reply }; });
    call.on('metadata', (m) => { headers = m; });
    call.on('status', (s) => setImmediate(() => resolve({ ...outcome, headers, trailers: s.metadata })));
  });
}

function readAll(call) {
  return new Promise((resolve) => {
    const replies = [];
    call.on('data', (reply) => replies.push(reply));
    call.on('error', (error) => resolve({ replies, error }));
    call.on('end', () => resolve({ replies, error: null }));
  });
}

const scenarios = {
  async unary() {
    const metadata = new grpc.Metadata();
    metadata.set('x-echo-text', 'from grpc-js');
    metadata.set('x-echo-data-bin', Buffer.from([0, 1, 2, 254, 255]));
    const { error, reply, headers, trailers } = await unary(client(), { message: 'héllo from grpc-js', echo_metadata: true }, metadata);
    if (error) throw error;
    return { message: reply.message, httpProtocol: reply.http_protocol, headers: metadataToJson(headers), trailers: metadataToJson(trailers) };
  },

  async serverStream() {
    const { replies, error } = await readAll(client().ServerStream({ reply_count: 100 }));
    if (error) throw error;
    return { indexes: replies.map((r) => r.index) };
  },

  async clientStream() {
    const reply = await new Promise((resolve, reject) => {
      const call = client().ClientStream((error, result) => (error ? reject(error) : resolve(result)));
      for (let i = 0; i < 30; i++) call.write({ message: String(i) });
      call.end();
    });
    return { requestsReceived: reply.requests_received, message: reply.message };
  },

  async bidi() {
    const call = client().Bidi();
    const replies = [];
    for (let i = 0; i < 20; i++) {
      const next = new Promise((resolve) => call.once('data', resolve));
      call.write({ message: `ping ${i}` });
      const reply = await next;
      replies.push({ index: reply.index, message: reply.message });
    }
    const ended = new Promise((resolve) => call.on('status', resolve));
    call.end();
    const status = await ended;
    return { replies, code: status.code };
  },

  async error() {
    const { error } = await unary(client(), { fail_code: grpc.status.NOT_FOUND, fail_detail: 'nöt found: 100% sure' });
    return errorToJson(error);
  },

  async errorAfterReplies() {
    const { replies, error } = await readAll(client().ServerStream({ reply_count: 3, fail_code: grpc.status.ABORTED, fail_detail: 'late', fail_after_replies: true }));
    return { received: replies.length, ...errorToJson(error) };
  },

  async handlerException() {
    const { error } = await unary(client(), { throw_message: 'secret internal detail' });
    return errorToJson(error);
  },

  async deadline() {
    // Connect first, and leave the server a second: on a loaded machine a 300 ms deadline could expire before the
    // request ever reached the handler, and then there is no handler to cancel.
    const c = client();
    await unary(c, {});
    const { error } = await unary(c, { wait_for_cancellation: true, tag }, new grpc.Metadata(), { deadline: Date.now() + 1000 });
    return errorToJson(error);
  },

  async deadlineSeenByServer() {
    const { error, reply } = await unary(client(), {}, new grpc.Metadata(), { deadline: Date.now() + 30000 });
    if (error) throw error;
    return { deadlineRemainingMs: reply.deadline_remaining_ms };
  },

  async cancel() {
    const metadata = new grpc.Metadata();
    metadata.set('x-echo-ready', '1');
    const call = client().Bidi(metadata);
    const headers = new Promise((resolve) => call.on('metadata', resolve));
    const status = new Promise((resolve) => call.on('status', resolve));
    call.on('error', () => {});
    call.write({ wait_for_cancellation: true, echo_metadata: true, tag });
    await headers;
    call.cancel();
    const { code } = await status;
    return { code };
  },

  async unimplemented() {
    const c = client();
    const serialize = (value) => value;
    const error = await new Promise((resolve) => {
      c.makeUnaryRequest('/cloudmesh.grpc.test.TestService/NoSuchMethod', serialize, serialize, Buffer.alloc(0), (e) => resolve(e));
    });
    return errorToJson(error);
  },

  async compressed() {
    const c = client({ 'grpc.default_compression_algorithm': 2 });
    const payload = Buffer.from('compress me '.repeat(10000));
    const { error, reply } = await unary(c, { payload });
    if (error) throw error;
    return { receivedPayloadSize: reply.received_payload_size, sent: payload.length };
  },

  async tooLarge() {
    const { error } = await unary(client({ 'grpc.max_send_message_length': -1 }), { payload: Buffer.alloc(5 * 1024 * 1024) });
    return errorToJson(error);
  },

  async concurrent() {
    const c = client();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => unary(c, { message: `m${i}` })));
    return { messages: results.map((r) => (r.error ? `error ${r.error.code}` : r.reply.message)) };
  },
};

(async () => {
  const run = scenarios[scenario];
  if (!run) throw new Error(`unknown scenario ${scenario}`);
  const result = await run();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
})().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
