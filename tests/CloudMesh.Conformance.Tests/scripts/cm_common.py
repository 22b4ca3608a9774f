"""Shared by the conformance drivers: boto3 clients aimed at CloudMesh, error capture, raw signed requests, the report.

The C# tests start these scripts with a clean environment: CLOUDMESH_ENDPOINT is the server, CLOUDMESH_TENANTS a JSON
list of {accountId, accessKeyId, secretAccessKey}, and empty AWS config files so the machine's own never leak in.
A driver prints exactly one JSON document on stdout (its report); anything else goes to stderr.
"""
import datetime
import json
import os
import sys

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError
from botocore.httpsession import URLLib3Session

ENDPOINT = os.environ["CLOUDMESH_ENDPOINT"].rstrip("/")
REGION = "us-east-1"
TENANTS = json.loads(os.environ.get("CLOUDMESH_TENANTS", "[]"))

# One attempt per call: an error must reach the report as the server sent it, not after botocore's retries.
NO_RETRY = {"total_max_attempts": 1, "mode": "standard"}


def tenant(index=0):
    """The index-th tenant the test created."""
    return TENANTS[index]


def client(index=0, access_key=None, secret=None, validate=True, **config):
    """An App Mesh client for a tenant; validate=False lets invalid input reach the server."""
    t = TENANTS[index] if TENANTS else {}
    session = boto3.session.Session(
        aws_access_key_id=access_key or t["accessKeyId"],
        aws_secret_access_key=secret or t["secretAccessKey"],
        region_name=REGION,
    )
    options = {"retries": NO_RETRY, "parameter_validation": validate}
    options.update(config)
    return session.client("appmesh", endpoint_url=ENDPOINT, config=Config(**options))


def outcome(call, *args, **kwargs):
    """Runs one client call; returns {"ok", "status", "code", "message", "response"} as botocore parsed it."""
    try:
        response = call(*args, **kwargs)
        return {"ok": True, "status": response["ResponseMetadata"]["HTTPStatusCode"], "code": None,
                "message": None, "response": strip_metadata(response)}
    except ClientError as e:
        return {"ok": False, "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
                "code": e.response["Error"]["Code"], "message": e.response["Error"].get("Message"), "response": None}


def strip_metadata(response):
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def credentials(index=0, secret=None):
    t = TENANTS[index]
    return Credentials(t["accessKeyId"], secret or t["secretAccessKey"])


def signed_request(method, path, body=None, index=0, creds=None, headers=None):
    """A SigV4-signed AWSRequest for a path on the server (signed with botocore's own signer)."""
    request = AWSRequest(method=method, url=ENDPOINT + path, data=body,
                         headers=dict(headers or {}, **({"Content-Type": "application/json"} if body is not None else {})))
    SigV4Auth(creds or credentials(index), "appmesh", REGION).add_auth(request)
    return request


_http = URLLib3Session()


def send(request):
    """Sends an AWSRequest as is; returns {"status", "code", "message", "body"} (code from x-amzn-ErrorType)."""
    response = _http.send(request.prepare())
    text = response.content.decode("utf-8", "replace")
    try:
        body = json.loads(text) if text else None
    except ValueError:
        body = text
    code = response.headers.get("x-amzn-ErrorType")
    message = body.get("message") if isinstance(body, dict) else None
    return {"status": response.status_code, "code": code, "message": message, "body": body}


def _default(value):
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def emit(report):
    """Prints the report, the script's only stdout."""
    json.dump(report, sys.stdout, default=_default)
    sys.stdout.write("\n")
    sys.stdout.flush()
