"""Verifies (and, for tests, signs) webhooks the Standard Webhooks way, as Caravan sends them."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from datetime import datetime
from typing import Any, Callable, Iterable, Optional, Protocol, Tuple, Union

#: How far ``webhook-timestamp`` may be from now, either way (Standard Webhooks).
DEFAULT_TOLERANCE_SECONDS = 300


class Headers(Protocol):
    """Request headers: anything with ``items()`` (a dict, ``http.client.HTTPMessage``, a framework's)."""

    def items(self) -> Iterable[Tuple[str, Any]]: ...


class WebhookVerificationError(Exception):
    """A webhook failed verification: a missing header, a stale timestamp or no matching signature."""


class Webhook:
    """Verifies webhooks against an endpoint's secret.

    The secret is the endpoint's ``whsec_…`` (HMAC-SHA256, ``v1``) or, with the optional
    ``cryptography`` package (``pip install caravan-client[ed25519]``), its Ed25519 public key ``whpk_…``
    (``v1a``, verify only) or signing key ``whsk_…``. A request passes when any one signature in
    ``webhook-signature`` matches, so it keeps passing across a secret rotation. Signatures are compared in
    constant time.

    >>> payload = Webhook(os.environ["ENDPOINT_SECRET"]).verify(raw_body, request.headers)
    """

    def __init__(
        self,
        secret: str,
        *,
        tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS,
        now: Callable[[], float] = time.time,
    ) -> None:
        self._tolerance = tolerance_seconds
        self._now = now
        self._public_key: Any = None
        self._private_key: Any = None
        if secret.startswith(("whpk_", "whsk_")):
            self._version = "v1a"
            ed25519 = _ed25519()
            raw = _decode(secret[5:])
            if secret.startswith("whpk_"):
                self._public_key = ed25519.Ed25519PublicKey.from_public_bytes(raw)
            else:
                self._private_key = ed25519.Ed25519PrivateKey.from_private_bytes(raw[:32])
                self._public_key = self._private_key.public_key()
        else:
            self._version = "v1"
            self._key = _decode(secret[6:] if secret.startswith("whsec_") else secret)

    def verify(self, body: Union[bytes, str], headers: Headers) -> Any:
        """Checks the headers against the exact body bytes received and returns the parsed JSON payload.

        ``headers`` is anything with ``items()`` (a dict, ``http.client.HTTPMessage``, a framework's request
        headers); names are matched case-insensitively.
        Raises ``WebhookVerificationError`` when a header is missing, the timestamp is outside the
        tolerance or no signature matches."""
        msg_id = _header(headers, "webhook-id")
        timestamp = _header(headers, "webhook-timestamp")
        signatures = _header(headers, "webhook-signature")
        if not msg_id or not timestamp or not signatures:
            raise WebhookVerificationError("missing required headers")
        if not timestamp.isdigit():
            raise WebhookVerificationError("invalid webhook-timestamp")
        skew = int(self._now()) - int(timestamp)
        if skew > self._tolerance:
            raise WebhookVerificationError("message timestamp too old")
        if skew < -self._tolerance:
            raise WebhookVerificationError("message timestamp too new")
        data = body.encode() if isinstance(body, str) else bytes(body)
        content = _signed_content(msg_id, timestamp, data)
        for entry in signatures.split(" "):
            version, _, encoded = entry.partition(",")
            if version != self._version or not encoded:
                continue
            try:
                signature = base64.b64decode(encoded, validate=True)
            except (binascii.Error, ValueError):
                continue
            if signature and self._check(signature, content):
                return json.loads(data)
        raise WebhookVerificationError("no matching signature")

    def sign(self, msg_id: str, timestamp: Union[datetime, int], body: Union[bytes, str]) -> str:
        """The ``webhook-signature`` value for a message: ``v1,<base64>`` (``v1a,…`` with a ``whsk_`` key)."""
        seconds = int(timestamp.timestamp()) if isinstance(timestamp, datetime) else int(timestamp)
        data = body.encode() if isinstance(body, str) else bytes(body)
        content = _signed_content(msg_id, str(seconds), data)
        if self._version == "v1":
            return "v1," + base64.b64encode(hmac.new(self._key, content, hashlib.sha256).digest()).decode()
        if self._private_key is None:
            raise WebhookVerificationError("a whpk_ public key cannot sign; use the whsk_ key")
        return "v1a," + base64.b64encode(self._private_key.sign(content)).decode()

    def _check(self, signature: bytes, content: bytes) -> bool:
        if self._version == "v1":
            expected = hmac.new(self._key, content, hashlib.sha256).digest()
            return hmac.compare_digest(signature, expected)
        from cryptography.exceptions import InvalidSignature

        try:
            self._public_key.verify(signature, content)
            return True
        except InvalidSignature:
            return False


def _ed25519() -> Any:
    try:
        from cryptography.hazmat.primitives.asymmetric import ed25519
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise WebhookVerificationError(
            "Ed25519 (whpk_/whsk_) secrets need the cryptography package: pip install caravan-client[ed25519]"
        ) from error
    return ed25519


def _decode(text: str) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise WebhookVerificationError("the secret is not valid base64") from None
    if not raw:
        raise WebhookVerificationError("the secret is empty")
    return raw


def _header(headers: Headers, name: str) -> Optional[str]:
    values = [str(v) for k, v in headers.items() if k.lower() == name]
    return ", ".join(values) if values else None


def _signed_content(msg_id: str, timestamp: str, body: bytes) -> bytes:
    return f"{msg_id}.{timestamp}.".encode() + body
