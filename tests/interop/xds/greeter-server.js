// A plain @grpc/grpc-js Greeter server that answers with its own name.
// Usage: node greeter-server.js <port> <server name>; prints "listening <port>" once bound.
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [port, name] = process.argv.slice(2);
const proto = grpc.loadPackageDefinition(protoLoader.loadSync(path.join(__dirname, 'greeter.proto')));
const server = new grpc.Server();
server.addService(proto.cloudmesh.interop.Greeter.service, {
  SayHello: (call, callback) => callback(null, { server: name }),
});
server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => {
  if (error) {
    console.error(error.message);
    process.exit(1);
  }
  console.log(`listening ${bound}`);
});
process.stdin.resume();
process.stdin.on('end', () => server.tryShutdown(() => process.exit(0)));
