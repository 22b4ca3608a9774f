// Runs gRPC's own xDS resource validation (@grpc/grpc-js-xds, the proxyless client CloudMesh serves) over
// resources the compiler produced (CloudMesh.ControlPlane.Compiler.Tests' GrpcXdsValidationTests). Input (argv[2]):
// a JSON array of {"typeUrl", "name", "value" (base64 protobuf)}. Output: one JSON line per resource,
// {"typeUrl", "name", "decodedName", "error"}; exit code 0. The build/src paths below are grpc-js-xds internals:
// they hold for the 1.14.1 pinned in ../package-lock.json; recheck them when that pin moves.
'use strict';
const fs = require('fs');
const xds = require('@grpc/grpc-js-xds');
const { ListenerResourceType } = require('@grpc/grpc-js-xds/build/src/xds-resource-type/listener-resource-type');
const { RouteConfigurationResourceType } = require('@grpc/grpc-js-xds/build/src/xds-resource-type/route-config-resource-type');
const { ClusterResourceType } = require('@grpc/grpc-js-xds/build/src/xds-resource-type/cluster-resource-type');
const { EndpointResourceType } = require('@grpc/grpc-js-xds/build/src/xds-resource-type/endpoint-resource-type');

// Registers the xds resolver, load-balancing policies and HTTP filters (the router among them), as an
// application using proxyless gRPC does before creating channels.
xds.register();

const types = {
  'type.googleapis.com/envoy.config.listener.v3.Listener': ListenerResourceType.get(),
  'type.googleapis.com/envoy.config.route.v3.RouteConfiguration': RouteConfigurationResourceType.get(),
  'type.googleapis.com/envoy.config.cluster.v3.Cluster': ClusterResourceType.get(),
  'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment': EndpointResourceType.get(),
};

// What the client's bootstrap would hold: an ADS server and no certificate providers.
const context = {
  bootstrap: { certificateProviders: {}, xdsServers: [], node: { id: 'mesh/demo/virtualNode/client' } },
  server: { serverUri: 'localhost:0', channelCredentials: { type: 'insecure' }, serverFeatures: [] },
};

const resources = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
for (const resource of resources) {
  const type = types[resource.typeUrl];
  let result;
  try {
    const decoded = type.decode(context, { type_url: resource.typeUrl, value: Buffer.from(resource.value, 'base64') });
    result = { decodedName: decoded.name, error: decoded.error ?? null };
  } catch (e) {
    result = { decodedName: null, error: `threw: ${e.message}` };
  }
  process.stdout.write(JSON.stringify({ typeUrl: resource.typeUrl, name: resource.name, ...result }) + '\n');
}
