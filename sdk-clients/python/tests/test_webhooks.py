"""The webhook verifier: Standard Webhooks vectors, interop both ways with `standardwebhooks`, Ed25519."""

from __future__ import annotations

import base64
import time
from datetime import datetime, timezone

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from standardwebhooks.webhooks import Webhook as StandardWebhook
from standardwebhooks.webhooks import WebhookVerificationError as StandardError

from caravan import Webhook, WebhookVerificationError

from .conftest import load_vectors

VECTORS = load_vectors()
VECTOR = VECTORS["valid"][0]


def headers(msg_id: str, timestamp: int, signature: str) -> dict:
    return {"webhook-id": msg_id, "webhook-timestamp": str(timestamp), "webhook-signature": signature}


def at(timestamp: int) -> Webhook:
    return Webhook(VECTOR["secret"], now=lambda: timestamp)


def test_the_valid_vector_passes_and_signs_the_same():
    webhook = at(VECTOR["timestamp"])
    h = headers(VECTOR["id"], VECTOR["timestamp"], VECTOR["signature"])
    assert webhook.verify(VECTOR["body"], h) == {"test": 2432232314}
    assert webhook.verify(VECTOR["body"].encode(), h) == {"test": 2432232314}
    assert webhook.sign(VECTOR["id"], VECTOR["timestamp"], VECTOR["body"]) == VECTOR["signature"]
    with pytest.raises(WebhookVerificationError):
        webhook.verify(VECTOR["body"] + " ", h)


@pytest.mark.parametrize("case", VECTORS["mustFail"], ids=lambda c: c["why"])
def test_must_fail(case):
    webhook = at(VECTOR["timestamp"])
    timestamp = VECTOR["timestamp"] + case.get("timestampOffsetSeconds", 0)
    signature = case.get("signatureHeader", VECTOR["signature"])
    if "timestampOffsetSeconds" in case:
        # Signed correctly for its own timestamp: only the tolerance makes it fail.
        signature = webhook.sign(VECTOR["id"], timestamp, VECTOR["body"])
    h = headers(VECTOR["id"], timestamp, signature)
    h.pop(case.get("drop", ""), None)
    with pytest.raises(WebhookVerificationError):
        webhook.verify(VECTOR["body"], h)


@pytest.mark.parametrize("case", VECTORS["mustPass"], ids=lambda c: c["why"])
def test_must_pass(case):
    h = headers(VECTOR["id"], VECTOR["timestamp"], case["signatureHeader"])
    assert at(VECTOR["timestamp"]).verify(VECTOR["body"], h) == {"test": 2432232314}


def test_tolerance_is_five_minutes_either_way_and_headers_any_case():
    webhook = at(VECTOR["timestamp"])
    for offset in (-300, 300):
        ts = VECTOR["timestamp"] + offset
        h = {"Webhook-Id": VECTOR["id"], "WEBHOOK-TIMESTAMP": str(ts),
             "webhook-signature": webhook.sign(VECTOR["id"], ts, VECTOR["body"])}
        webhook.verify(VECTOR["body"], h)


BODY = b'{"invoiceId":"in_1","amount":12500}'


def test_the_official_library_verifies_what_we_sign():
    now = datetime.now(timezone.utc)
    signature = Webhook(VECTOR["secret"]).sign("evt_1", now, BODY)
    theirs = StandardWebhook(VECTOR["secret"])
    assert theirs.verify(BODY, headers("evt_1", int(now.timestamp()), signature)) == {"invoiceId": "in_1", "amount": 12500}
    with pytest.raises(StandardError):
        theirs.verify(b'{"amount":1}', headers("evt_1", int(now.timestamp()), signature))


def test_we_verify_what_the_official_library_signs_also_during_a_rotation():
    now = datetime.now(timezone.utc)
    ts = int(now.timestamp())
    signature = StandardWebhook(VECTOR["secret"]).sign("evt_2", now, BODY.decode())
    ours = Webhook(VECTOR["secret"])
    assert ours.verify(BODY, headers("evt_2", ts, signature))["amount"] == 12500
    other = "whsec_" + base64.b64encode(b"another secret of 32 bytes.....").decode()
    forged = StandardWebhook(other).sign("evt_2", now, BODY.decode())
    with pytest.raises(WebhookVerificationError):
        ours.verify(BODY, headers("evt_2", ts, forged))
    # Caravan signs with every live secret during a rotation: either passes.
    assert ours.verify(BODY, headers("evt_2", ts, f"{forged} {signature}"))["amount"] == 12500


def test_ed25519_v1a():
    private = Ed25519PrivateKey.generate()
    seed = private.private_bytes_raw()
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    signer = Webhook("whsk_" + base64.b64encode(seed).decode())
    verifier = Webhook("whpk_" + base64.b64encode(public).decode())
    ts = int(time.time())
    signature = signer.sign("evt_1", ts, BODY)
    assert signature.startswith("v1a,")
    assert verifier.verify(BODY, headers("evt_1", ts, f"v1,AAAA {signature}"))["amount"] == 12500
    direct = private.sign(f"evt_2.{ts}.".encode() + BODY)
    verifier.verify(BODY, headers("evt_2", ts, "v1a," + base64.b64encode(direct).decode()))
    with pytest.raises(WebhookVerificationError):
        verifier.verify(b'{"n":2}', headers("evt_1", ts, signature))
    with pytest.raises(WebhookVerificationError):
        verifier.sign("evt_1", ts, BODY)
