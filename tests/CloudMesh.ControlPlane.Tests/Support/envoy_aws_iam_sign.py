"""Signs an ADS call the way Envoy's envoy.grpc_credentials.aws_iam plugin does, with botocore's SigV4 signer
(an implementation CloudMesh did not write).

Envoy (source/extensions/grpc_credentials/aws_iam/config.cc) signs a message with method POST, the call's path,
the host of gRPC's service URL, no body, and x-amz-content-sha256 set to the SHA-256 of the empty string; the
non-pseudo headers it ends up with become call metadata.

Input (stdin): JSON {"host", "path", "region", "access_key", "secret_key", "session_token" (optional)}.
Output (stdout): JSON object of the metadata to send: authorization, x-amz-date, x-amz-content-sha256 and,
with a session token, x-amz-security-token.
"""
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def main():
    args = json.load(sys.stdin)
    credentials = Credentials(args["access_key"], args["secret_key"], args.get("session_token"))
    request = AWSRequest(
        method="POST",
        url="https://" + args["host"] + args["path"],
        headers={"x-amz-content-sha256": EMPTY_SHA256},
        data=b"",
    )
    botocore.auth.SigV4Auth(credentials, "appmesh", args["region"]).add_auth(request)
    metadata = {}
    for name, value in request.headers.items():
        value = value.decode("ascii") if isinstance(value, bytes) else value
        metadata[name.lower()] = value
    metadata.pop("host", None)
    json.dump(metadata, sys.stdout)


if __name__ == "__main__":
    main()
