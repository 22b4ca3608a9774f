"""CloudMesh's own endpoints (health, admin API, documentation), written out as OpenAPI data."""

from appmesh_model import ERROR_TYPE_HEADER, ref

ADMIN_ERRORS = {
    "BadRequestException": (400, "The request is malformed or a value is out of range."),
    "UnauthorizedException": (401, "The admin bearer token is missing or wrong."),
    "NotFoundException": (404, "The tenant or access key does not exist."),
    "ServiceUnavailableException": (503, "The database is unreachable."),
}

_ACCOUNT_ID = {
    "name": "accountId",
    "in": "path",
    "required": True,
    "description": "The tenant's 12-digit account ID.",
    "schema": ref("AdminAccountId"),
}
_ACCESS_KEY_ID = {
    "name": "accessKeyId",
    "in": "path",
    "required": True,
    "description": "The access key ID.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 128},
}
_TOKEN_ID = {
    "name": "tokenId",
    "in": "path",
    "required": True,
    "description": "The xDS token's ID.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 128},
}
_REGISTRY_PARAMETERS = [
    {"name": "meshName", "in": "path", "required": True, "description": "The mesh.",
     "schema": {"type": "string", "minLength": 1, "maxLength": 255}},
    {"name": "virtualNodeName", "in": "path", "required": True, "description": "The virtual node.",
     "schema": {"type": "string", "minLength": 1, "maxLength": 255}},
]
_INSTANCE_ID = {
    "name": "instanceId",
    "in": "path",
    "required": True,
    "description": "The instance's ID, unique within the virtual node.",
    "schema": {"type": "string", "pattern": "^[0-9A-Za-z_.:@-]{1,64}$"},
}
# The registry API shares the App Mesh operations' envelope: SigV4, the tenant's rate limit, rest-json errors.
REGISTRY_ERRORS = {
    "BadRequestException": (400, "The request is malformed or a value is out of range."),
    "ForbiddenException": (403, "The SigV4 signature is missing or invalid (the code names the reason, e.g. "
                                "MissingAuthenticationTokenException or InvalidSignatureException)."),
    "NotFoundException": (404, "The virtual node or instance does not exist."),
    "TooManyRequestsException": (429, "The tenant's rate limit was exceeded."),
    "InternalServerErrorException": (500, "An internal error; the message carries the request id."),
    "ServiceUnavailableException": (503, "The database is unreachable."),
}
_QUOTA_NAMES = (
    "meshes",
    "virtualNodesPerMesh",
    "virtualRoutersPerMesh",
    "routesPerVirtualRouter",
    "virtualServicesPerMesh",
    "virtualGatewaysPerMesh",
    "gatewayRoutesPerVirtualGateway",
)


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _text(description, example):
    return {"description": description, "content": {"text/plain": {"schema": {"type": "string", "example": example}}}}


def _admin_error(code, table=None):
    status, description = (table or ADMIN_ERRORS)[code]
    return str(status), {
        "description": code + ": " + description,
        "headers": {
            ERROR_TYPE_HEADER: {
                "description": "The error code.",
                "required": True,
                "schema": {"type": "string", "enum": [code]},
            }
        },
        "content": {"application/json": {"schema": ref("ErrorBody")}},
    }


def _admin(operation_id, description, success_status, success, errors, parameters=(), body=None):
    operation = {"tags": ["Admin"], "operationId": operation_id, "description": description}
    if parameters:
        operation["parameters"] = list(parameters)
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    responses = {str(success_status): success}
    # Every admin call needs the token and the database.
    for code in sorted(set(errors) | {"UnauthorizedException", "ServiceUnavailableException"}):
        status, response = _admin_error(code)
        responses[status] = response
    operation["responses"] = dict(sorted(responses.items()))
    operation["security"] = [{"adminToken": []}]
    return operation


def _registry(operation_id, description, success, parameters, body=None):
    operation = {"tags": ["Registry"], "operationId": operation_id, "description": description,
                 "parameters": list(parameters)}
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    responses = {"200": success}
    for code in REGISTRY_ERRORS:
        status, response = _admin_error(code, REGISTRY_ERRORS)
        if code == "ForbiddenException":
            response["headers"][ERROR_TYPE_HEADER]["schema"] = {"type": "string"}
        responses[status] = response
    operation["responses"] = dict(sorted(responses.items()))
    operation["security"] = [{"sigv4": []}]
    return operation


def _public(tag, operation_id, description, responses):
    return {
        "tags": [tag],
        "operationId": operation_id,
        "description": description,
        "responses": responses,
        "security": [],
    }


def paths():
    """Path items for the health, documentation and admin endpoints."""
    tenant_errors = ("BadRequestException", "NotFoundException")
    return {
        "/admin/v1/tenants": {
            "get": _admin(
                "AdminListTenants", "Lists every tenant.", 200, _json(ref("AdminTenantList"), "The tenants."), ()
            ),
            "post": _admin(
                "AdminCreateTenant",
                "Creates a tenant and assigns it a new 12-digit account ID.",
                201,
                _json(ref("AdminTenant"), "The new tenant."),
                ("BadRequestException",),
                body=ref("AdminCreateTenantRequest"),
            ),
        },
        "/admin/v1/tenants/{accountId}": {
            "get": _admin(
                "AdminGetTenant", "Returns one tenant.", 200, _json(ref("AdminTenant"), "The tenant."),
                tenant_errors, [_ACCOUNT_ID],
            ),
            "delete": _admin(
                "AdminDeleteTenant",
                "Deletes the tenant, its access keys and all of its App Mesh resources.",
                204,
                {"description": "Deleted."},
                tenant_errors,
                [_ACCOUNT_ID],
            ),
        },
        "/admin/v1/tenants/{accountId}/access-keys": {
            "get": _admin(
                "AdminListAccessKeys",
                "Lists the tenant's access keys (without secrets).",
                200,
                _json(ref("AdminAccessKeyList"), "The access keys."),
                tenant_errors,
                [_ACCOUNT_ID],
            ),
            "post": _admin(
                "AdminCreateAccessKey",
                "Creates a SigV4 access key for the tenant. The secret is returned only in this response.",
                201,
                _json(ref("AdminNewAccessKey"), "The new key and its secret."),
                tenant_errors,
                [_ACCOUNT_ID],
            ),
        },
        "/admin/v1/tenants/{accountId}/access-keys/{accessKeyId}": {
            "delete": _admin(
                "AdminDeleteAccessKey",
                "Revokes an access key.",
                204,
                {"description": "Deleted."},
                tenant_errors,
                [_ACCOUNT_ID, _ACCESS_KEY_ID],
            ),
        },
        "/admin/v1/tenants/{accountId}/limits": {
            "get": _admin(
                "AdminGetTenantLimits",
                "Returns the tenant's effective rate limit and quotas.",
                200,
                _json(ref("AdminTenantLimits"), "The effective limits."),
                tenant_errors,
                [_ACCOUNT_ID],
            ),
            "put": _admin(
                "AdminPutTenantLimits",
                "Sets the tenant's rate limit and quotas. Omitted values keep their current setting.",
                200,
                _json(ref("AdminTenantLimits"), "The effective limits after the change."),
                tenant_errors,
                [_ACCOUNT_ID],
                body=ref("AdminTenantLimitsUpdate"),
            ),
        },
        "/admin/v1/tenants/{accountId}/xds-tokens": {
            "get": _admin(
                "AdminListXdsTokens",
                "Lists the tenant's xDS tokens (without secrets).",
                200,
                _json(ref("AdminXdsTokenList"), "The xDS tokens."),
                tenant_errors,
                [_ACCOUNT_ID],
            ),
            "post": _admin(
                "AdminCreateXdsToken",
                "Issues a tenant-scoped xDS token: proxies present it (gRPC metadata 'authorization: Bearer <token>', "
                "or bootstrap node metadata 'cloudmesh.token') to bind their ADS stream to the tenant. The token is "
                "returned only in this response and stored as a SHA-256 hash. The body is optional.",
                201,
                _json(ref("AdminNewXdsToken"), "The new token."),
                tenant_errors,
                [_ACCOUNT_ID],
                body=ref("AdminCreateXdsTokenRequest"),
            ),
        },
        "/admin/v1/tenants/{accountId}/xds-tokens/{tokenId}": {
            "delete": _admin(
                "AdminDeleteXdsToken",
                "Revokes an xDS token. Replicas that validated it recently keep accepting it for up to 10 seconds; "
                "streams already open stay open.",
                204,
                {"description": "Deleted."},
                tenant_errors,
                [_ACCOUNT_ID, _TOKEN_ID],
            ),
        },
        "/cloudmesh/v1/meshes/{meshName}/virtualNodes/{virtualNodeName}/instances": {
            "get": _registry(
                "ListInstances",
                "Lists the live instances of a virtual node (registered through this API or announced by connected "
                "proxies), ordered by instance ID.",
                _json(ref("InstanceList"), "The instances."),
                _REGISTRY_PARAMETERS,
            ),
        },
        "/cloudmesh/v1/meshes/{meshName}/virtualNodes/{virtualNodeName}/instances/{instanceId}": {
            "put": _registry(
                "RegisterInstance",
                "Registers (or replaces) an instance of a virtual node, the role AWS Cloud Map played for App Mesh: "
                "EDS routes to it (unhealthy ones are marked so). Instances are deleted with their virtual node.",
                _json(ref("InstanceOutput"), "The registered instance."),
                _REGISTRY_PARAMETERS + [_INSTANCE_ID],
                body=ref("RegisterInstanceRequest"),
            ),
            "delete": _registry(
                "DeregisterInstance",
                "Deregisters an instance.",
                _json(ref("InstanceOutput"), "The deregistered instance."),
                _REGISTRY_PARAMETERS + [_INSTANCE_ID],
            ),
        },
        "/healthz": {
            "get": _public("Health", "Healthz", "Liveness: the process is serving requests.", {"200": _text("Alive.", "ok")}),
        },
        "/openapi.yaml": {
            "get": _public(
                "Documentation",
                "GetOpenApiDocument",
                "This document.",
                {"200": {"description": "The OpenAPI document.", "content": {"application/yaml": {"schema": {"type": "string"}}}}},
            ),
        },
        "/readyz": {
            "get": _public(
                "Health",
                "Readyz",
                "Readiness: the database is reachable.",
                {
                    "200": _text("Ready.", "ok"),
                    "503": _json(ref("ErrorBody"), "The database is unreachable."),
                },
            ),
        },
        "/swagger": {
            "get": _public(
                "Documentation",
                "SwaggerUi",
                "Swagger UI for this document.",
                {"200": {"description": "The Swagger UI page.", "content": {"text/html": {"schema": {"type": "string"}}}}},
            ),
        },
    }


def _object(properties, required, description):
    schema = {"type": "object", "description": description}
    if required:
        schema["required"] = list(required)
    schema["properties"] = properties
    return schema


def _request(schema):
    schema["additionalProperties"] = False
    return schema


def schemas():
    """Component schemas for the endpoints above."""
    epoch = {"type": "number", "description": "Epoch seconds."}
    count = {"type": "integer", "format": "int32", "minimum": 0}
    rate = {
        "type": "integer",
        "format": "int32",
        "minimum": 0,
        "description": "Requests per second (sustained) or burst size; a requestsPerSecond of 0 disables the rate limit.",
    }
    quota_description = "Maximum number of each resource kind the tenant may hold."
    return {
        "AdminAccessKey": _object(
            {"accessKeyId": {"type": "string"}, "createdAt": epoch}, ("accessKeyId", "createdAt"), "An access key."
        ),
        "AdminAccessKeyList": _object(
            {"accessKeys": {"type": "array", "items": ref("AdminAccessKey")}}, ("accessKeys",), "A tenant's access keys."
        ),
        "AdminAccountId": {"type": "string", "pattern": "^[0-9]{12}$", "description": "A 12-digit account ID."},
        "AdminCreateTenantRequest": _request(
            _object({"name": {"type": "string", "minLength": 1, "maxLength": 255}}, ("name",), "A new tenant.")
        ),
        "AdminNewAccessKey": _object(
            {"accessKeyId": {"type": "string"}, "secretAccessKey": {"type": "string"}, "createdAt": epoch},
            ("accessKeyId", "secretAccessKey", "createdAt"),
            "A new access key. The secret is shown once and cannot be retrieved again.",
        ),
        "AdminTenant": _object(
            {"accountId": ref("AdminAccountId"), "name": {"type": "string"}, "createdAt": epoch},
            ("accountId", "name", "createdAt"),
            "A tenant: one isolated App Mesh account.",
        ),
        "AdminTenantList": _object(
            {"tenants": {"type": "array", "items": ref("AdminTenant")}}, ("tenants",), "Every tenant."
        ),
        "AdminTenantLimits": _object(
            {
                "requestsPerSecond": rate,
                "burst": rate,
                "quotas": _object({q: count for q in _QUOTA_NAMES}, _QUOTA_NAMES, quota_description),
            },
            ("requestsPerSecond", "burst", "quotas"),
            "A tenant's effective request rate limit (token bucket) and resource quotas.",
        ),
        "AdminTenantLimitsUpdate": _request(
            _object(
                {
                    "requestsPerSecond": rate,
                    "burst": rate,
                    "quotas": _request(_object({q: count for q in _QUOTA_NAMES}, (), quota_description)),
                },
                (),
                "Changes to a tenant's limits; omitted values are left unchanged.",
            )
        ),
        "AdminCreateXdsTokenRequest": _request(
            _object({"description": {"type": "string", "maxLength": 256}}, (), "What the token is for.")
        ),
        "AdminNewXdsToken": _object(
            {"tokenId": {"type": "string"}, "token": {"type": "string"}, "description": {"type": "string"},
             "createdAt": epoch},
            ("tokenId", "token", "description", "createdAt"),
            "A new xDS token. The token is shown once and cannot be retrieved again.",
        ),
        "AdminXdsToken": _object(
            {"tokenId": {"type": "string"}, "description": {"type": "string"}, "createdAt": epoch},
            ("tokenId", "description", "createdAt"),
            "An xDS token (without its secret).",
        ),
        "AdminXdsTokenList": _object(
            {"xdsTokens": {"type": "array", "items": ref("AdminXdsToken")}}, ("xdsTokens",), "A tenant's xDS tokens."
        ),
        "Instance": _object(
            {
                "meshName": {"type": "string"},
                "virtualNodeName": {"type": "string"},
                "instanceId": {"type": "string"},
                "address": {"type": "string"},
                "port": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 65535},
                "healthStatus": {"type": "string", "enum": ["HEALTHY", "UNHEALTHY"]},
                "attributes": {"type": "object", "additionalProperties": {"type": "string"}},
                "source": {"type": "string", "enum": ["api", "proxy"]},
                "createdAt": epoch,
                "lastUpdatedAt": epoch,
            },
            ("meshName", "virtualNodeName", "instanceId", "address", "port", "healthStatus", "attributes", "source",
             "createdAt", "lastUpdatedAt"),
            "An instance of a virtual node in the endpoint registry.",
        ),
        "InstanceList": _object(
            {"instances": {"type": "array", "items": ref("Instance")}}, ("instances",), "A virtual node's instances."
        ),
        "InstanceOutput": _object({"instance": ref("Instance")}, ("instance",), "One instance."),
        "RegisterInstanceRequest": _request(
            _object(
                {
                    "address": {"type": "string", "maxLength": 45,
                                "description": "An IPv4 or IPv6 address. Proxies never resolve registry entries; "
                                "nodes reached by host name use dns service discovery."},
                    "port": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 65535,
                             "description": "0 (the default): the virtual node's first listener port."},
                    "healthStatus": {"type": "string", "enum": ["HEALTHY", "UNHEALTHY"],
                                     "description": "Default HEALTHY."},
                    "attributes": {"type": "object", "maxProperties": 30,
                                   "additionalProperties": {"type": "string", "maxLength": 1024},
                                   "description": "Free-form attributes, matched by awsCloudMap service discovery."},
                },
                ("address",),
                "An instance registration.",
            )
        ),
        "ErrorBody": _object(
            {"message": {"type": "string"}},
            ("message",),
            "The body of every error; the code is in the x-amzn-ErrorType header.",
        ),
    }
