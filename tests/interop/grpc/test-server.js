'use strict';
// The grpc-js side of tests/CloudMesh.Grpc.Tests/Protos/test_service.proto: the same contract as
// TestServiceImpl.cs, so CloudMesh's client suite runs against a server CloudMesh did not write.
// Usage: node test-server.js <test_service.proto>; prints "LISTENING <port>" once serving on 127.0.0.1.
const { grpc, loadTestService } = require('./load-proto');

const testPackage = loadTestService(process.argv[2]);
const outcomes = new Map();

function record(tag, outcome) {
  if (tag) outcomes.set(tag, outcome);
}

function errorTrailers() {
  const metadata = new grpc.Metadata();
  metadata.set('x-error-detail', 'error-trailer');
  metadata.set('x-error-bin', Buffer.from([0, 1, 2, 254, 255]));
  return metadata;
}

function failure(request) {
  return { code: request.fail_code, details: request.fail_detail, metadata: errorTrailers() };
}

function shouldFail(request, afterReplies) {
  return request.fail_code !== 0 && request.fail_after_replies === afterReplies;
}

// The request's x-echo-* headers, sent back as response headers (now) and as trailers (at the end).
function echoMetadata(call) {
  const echoed = new grpc.Metadata();
  for (const key of Object.keys(call.metadata.getMap())) {
    if (key.startsWith('x-echo-')) {
      for (const value of call.metadata.get(key)) echoed.add(key, value);
    }
  }
  call.sendMetadata(echoed);
  return echoed.clone();
}

function deadlineRemainingMs(call) {
  const deadline = call.getDeadline();
  return deadline === Infinity ? -1 : Math.floor(new Date(deadline).getTime() - Date.now());
}

function reply(request, call, index) {
  return {
    message: request.message,
    index,
    payload: Buffer.alloc(request.reply_payload_size),
    received_payload_size: request.payload.length,
    deadline_remaining_ms: deadlineRemainingMs(call),
  };
}

// Never replies; records how the call ended once grpc-js cancels it (deadline or client).
function waitForCancellation(request, call) {
  call.on('cancelled', () => {
    const deadline = call.getDeadline();
    const expired = deadline !== Infinity && Date.now() >= new Date(deadline).getTime() - 5;
    record(request.tag, expired ? 'deadline' : 'cancelled');
  });
}

const handlers = {
  Unary(call, callback) {
    const request = call.request;
    const trailers = request.echo_metadata ? echoMetadata(call) : new grpc.Metadata();
    if (request.wait_for_cancellation) return waitForCancellation(request, call);
    const respond = () => {
      if (shouldFail(request, false)) return callback(failure(request));
      record(request.tag, 'completed');
      callback(null, reply(request, call, 0), trailers);
    };
    if (request.ignore_cancellation_sleep_ms > 0) {
      setTimeout(() => { record(request.tag, 'slept'); respond(); }, request.ignore_cancellation_sleep_ms);
    } else {
      respond();
    }
  },

  ServerStream(call) {
    const request = call.request;
    const trailers = request.echo_metadata ? echoMetadata(call) : new grpc.Metadata();
    if (request.wait_for_cancellation) return waitForCancellation(request, call);
    if (shouldFail(request, false)) return call.emit('error', failure(request));
    for (let i = 0; i < request.reply_count; i++) call.write(reply(request, call, i));
    if (shouldFail(request, true)) return call.emit('error', failure(request));
    record(request.tag, 'completed');
    call.end(trailers);
  },

  ClientStream(call, callback) {
    const messages = [];
    let first = null;
    let trailers = new grpc.Metadata();
    let failed = false;
    call.on('data', (request) => {
      if (failed) return;
      if (first === null) {
        first = request;
        if (request.echo_metadata) trailers = echoMetadata(call);
        if (request.wait_for_cancellation) return waitForCancellation(request, call);
      }
      if (shouldFail(request, false)) {
        failed = true;
        return callback(failure(request));
      }
      messages.push(request.message);
    });
    call.on('end', () => {
      if (failed || (first && first.wait_for_cancellation)) return;
      const result = reply(first || { message: '', reply_payload_size: 0, payload: Buffer.alloc(0) }, call, 0);
      result.message = messages.join(',');
      result.requests_received = messages.length;
      record(first ? first.tag : '', 'completed');
      callback(null, result, trailers);
    });
  },

  Bidi(call) {
    let index = 0;
    let tag = '';
    let trailers = new grpc.Metadata();
    let echoed = false;
    let stopped = false;
    call.on('data', (request) => {
      if (stopped) return;
      if (request.tag) tag = request.tag;
      if (request.echo_metadata && !echoed) {
        echoed = true;
        trailers = echoMetadata(call);
      }
      if (request.wait_for_cancellation) {
        stopped = true;
        return waitForCancellation(request, call);
      }
      if (shouldFail(request, false)) {
        stopped = true;
        return call.emit('error', failure(request));
      }
      call.write(reply(request, call, index++));
      if (request.end_now) {
        stopped = true;
        record(tag, 'completed');
        call.end(trailers);
      }
    });
    call.on('end', () => {
      if (stopped) return;
      record(tag, 'completed');
      call.end(trailers);
    });
  },

  GetCallOutcome(call, callback) {
    callback(null, { outcome: outcomes.get(call.request.tag) || '' });
  },
};

const server = new grpc.Server();
server.addService(testPackage.TestService.service, handlers);
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    console.error(error);
    process.exit(1);
  }
  console.log(`LISTENING ${port}`);
});

// The .NET test closes stdin (or kills us) when it is done.
process.stdin.on('end', () => server.tryShutdown(() => process.exit(0)));
process.stdin.resume();
