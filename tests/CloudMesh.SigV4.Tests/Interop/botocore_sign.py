"""Signs requests with botocore (the AWS CLI's signer) and prints them as they would go on the wire.

Input (stdin): JSON {"cases": [...]} where a case is one of
  {"name", "kind": "header", "method", "url", "headers": [[k, v]], "body", "timestamp"}
      -> botocore.auth.SigV4Auth on an AWSRequest, with the clock fixed at timestamp (yyyymmddThhmmssZ)
  {"name", "kind": "query", "method", "url", "expires", "timestamp"}
      -> botocore.auth.SigV4QueryAuth (a presigned URL)
  {"name", "kind": "client", "operation", "params"}
      -> a real botocore 'appmesh' client call, captured just before it would be sent (real clock)
Output (stdout): JSON list of {"name", "method", "url", "headers": [[k, v]], "body_b64", "timestamp"}.
Headers include Host as urllib3 would send it.
"""
import base64
import datetime
import json
import sys
from unittest import mock

import botocore.auth
import botocore.session
from botocore.awsrequest import AWSRequest, AWSResponse
from botocore.credentials import Credentials

ACCESS_KEY = "AKIDCLOUDMESHTEST01"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
REGION = "us-east-1"
SERVICE = "appmesh"


def to_bytes(value):
    if value is None:
        return b""
    return value if isinstance(value, bytes) else value.encode("utf-8")


def wire(name, method, url, headers, body, timestamp):
    items = [[k, v.decode("utf-8") if isinstance(v, bytes) else v] for k, v in headers.items()]
    if not any(k.lower() == "host" for k, _ in items):
        items.append(["Host", botocore.auth._host_from_url(url)])
    return {
        "name": name,
        "method": method,
        "url": url,
        "headers": items,
        "body_b64": base64.b64encode(to_bytes(body)).decode("ascii"),
        "timestamp": timestamp,
    }


def fixed_clock(timestamp):
    moment = datetime.datetime.strptime(timestamp, "%Y%m%dT%H%M%SZ")
    return mock.patch("botocore.auth.get_current_datetime", return_value=moment)


def sign_header(case, credentials):
    request = AWSRequest(
        method=case["method"], url=case["url"], headers=dict(case.get("headers", [])), data=to_bytes(case.get("body")))
    with fixed_clock(case["timestamp"]):
        botocore.auth.SigV4Auth(credentials, SERVICE, REGION).add_auth(request)
    prepared = request.prepare()
    return wire(case["name"], prepared.method, prepared.url, prepared.headers, prepared.body, case["timestamp"])


def sign_query(case, credentials):
    request = AWSRequest(method=case["method"], url=case["url"], headers=dict(case.get("headers", [])))
    with fixed_clock(case["timestamp"]):
        botocore.auth.SigV4QueryAuth(credentials, SERVICE, REGION, expires=case["expires"]).add_auth(request)
    prepared = request.prepare()
    return wire(case["name"], prepared.method, prepared.url, prepared.headers, prepared.body, case["timestamp"])


def call_client(case):
    session = botocore.session.get_session()
    client = session.create_client(
        SERVICE, region_name=REGION, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
        endpoint_url="https://appmesh.cloudmesh.test:8443")
    captured = []

    def before_send(request, **_):
        captured.append(request)
        # Short-circuit the HTTP send; the error that follows from this empty response is expected.
        return AWSResponse(request.url, 599, {}, None)

    client.meta.events.register("before-send", before_send)
    try:
        getattr(client, case["operation"])(**case["params"])
    except Exception:
        pass
    request = captured[0]
    timestamp = request.headers["X-Amz-Date"]
    timestamp = timestamp.decode("ascii") if isinstance(timestamp, bytes) else timestamp
    return wire(case["name"], request.method, request.url, request.headers, request.body, timestamp)


def main():
    cases = json.load(sys.stdin)["cases"]
    credentials = Credentials(ACCESS_KEY, SECRET_KEY)
    out = []
    for case in cases:
        kind = case["kind"]
        if kind == "header":
            out.append(sign_header(case, credentials))
        elif kind == "query":
            out.append(sign_query(case, credentials))
        elif kind == "client":
            out.append(call_client(case))
        else:
            raise ValueError("unknown kind " + kind)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
