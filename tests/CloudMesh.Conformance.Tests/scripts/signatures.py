"""SigV4 as botocore signs it, and what the server says when it is wrong: bad secret, unknown key, no auth, a clock
more than 15 minutes off, a body changed after signing, and presigned URLs (intact and altered)."""
import datetime
from unittest import mock

import botocore.auth
from botocore import UNSIGNED
from botocore.auth import SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

import cm_common
from cm_common import outcome

t = cm_common.tenant(0)
report = {}

report["valid"] = outcome(cm_common.client(0).list_meshes)
report["wrong_secret"] = outcome(cm_common.client(0, secret="x" * 40).list_meshes)
report["unknown_access_key"] = outcome(cm_common.client(0, access_key="AKIAUNKNOWNUNKNOWN00").list_meshes)
report["no_auth_boto3"] = outcome(cm_common.client(0, signature_version=UNSIGNED).list_meshes)
report["no_auth_raw"] = cm_common.send(AWSRequest(method="GET", url=cm_common.ENDPOINT + "/v20190125/meshes"))


def shifted_clock(offset):
    """Moves botocore's signing clock by `offset` (botocore.auth reads datetime.datetime when it signs)."""
    real = datetime.datetime

    class Shifted(real):
        @classmethod
        def utcnow(cls):
            return real.utcnow() + offset

        @classmethod
        def now(cls, tz=None):
            return real.now(tz) + offset

    return mock.patch.object(botocore.auth.datetime, "datetime", Shifted)


def signed_at(offset, method="GET", path="/v20190125/meshes", body=None):
    """A request signed by botocore with its clock moved by `offset`."""
    with shifted_clock(offset):
        request = cm_common.signed_request(method, path, body=body)
    report.setdefault("signedDates", {})[str(offset)] = request.headers["X-Amz-Date"]
    return request


report["skew_past_20min"] = cm_common.send(signed_at(datetime.timedelta(minutes=-20)))
report["skew_future_20min"] = cm_common.send(signed_at(datetime.timedelta(minutes=20)))
report["skew_past_5min"] = cm_common.send(signed_at(datetime.timedelta(minutes=-5)))

# A body changed after signing: the payload hash no longer matches, and nothing may be created.
request = cm_common.signed_request("PUT", "/v20190125/meshes", body=b'{"meshName": "signed-name"}')
request.data = b'{"meshName": "tampered-name"}'
request.headers["Content-Length"] = str(len(request.data))
report["body_modified"] = cm_common.send(request)
report["body_modified_created_nothing"] = outcome(cm_common.client(0).list_meshes)
report["body_intact"] = cm_common.send(cm_common.signed_request("PUT", "/v20190125/meshes", body=b'{"meshName": "signed-name"}'))

# Presigned URLs: a GET ListMeshes with the signature in the query string.
creds = Credentials(t["accessKeyId"], t["secretAccessKey"])


def presigned(url, expires=60):
    request = AWSRequest(method="GET", url=url)
    SigV4QueryAuth(creds, "appmesh", cm_common.REGION, expires=expires).add_auth(request)
    return request.url


url = presigned(cm_common.ENDPOINT + "/v20190125/meshes?limit=10")
report["presigned"] = cm_common.send(AWSRequest(method="GET", url=url))
report["presigned_param_changed"] = cm_common.send(AWSRequest(method="GET", url=url.replace("limit=10", "limit=11")))
report["presigned_param_added"] = cm_common.send(AWSRequest(method="GET", url=url + "&nextToken=x"))
report["presigned_path_changed"] = cm_common.send(
    AWSRequest(method="GET", url=url.replace("/v20190125/meshes?", "/v20190125/meshes/signed-name/virtualNodes?")))
signature_at = url.index("X-Amz-Signature=") + len("X-Amz-Signature=")
flipped = url[:signature_at] + ("0" if url[signature_at] != "0" else "1") + url[signature_at + 1:]
report["presigned_signature_changed"] = cm_common.send(AWSRequest(method="GET", url=flipped))
with shifted_clock(datetime.timedelta(minutes=-10)):
    stale = presigned(cm_common.ENDPOINT + "/v20190125/meshes", expires=60)
report["presigned_expired"] = cm_common.send(AWSRequest(method="GET", url=stale))
cm_common.emit(report)
