'use strict';
// Loads test_service.proto (path given by the .NET test) the way both scripts need it.
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

function loadTestService(protoPath) {
  const definition = protoLoader.loadSync(protoPath, { keepCase: true, longs: Number, enums: String, defaults: true });
  return grpc.loadPackageDefinition(definition).cloudmesh.grpc.test;
}

module.exports = { grpc, loadTestService };
