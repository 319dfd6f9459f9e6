"""The README's snippets, imported by tests/test_readme.py, which checks that the README shows each block
between the readme markers unchanged (dedented)."""

from __future__ import annotations

import os
from typing import Any, Mapping

from caravan import Caravan, CaravanApiError


def client() -> Caravan:
    # readme:start
    caravan = Caravan(
        api_key=os.environ["CARAVAN_API_KEY"],  # a tenant key (ck_live_…), or the admin key for admin groups
        base_url="https://caravan.example.com",
        timeout=30.0,  # seconds per attempt (default)
        max_retries=2,  # after a 429, a 5xx, a timeout or a network error (default)
        retry_base_delay=0.5,  # first backoff step, seconds (default)
    )
    # readme:end
    return caravan


def lists(caravan: Caravan) -> None:
    # readme:start
    page = caravan.deliveries.list(status=["failed"], limit=100)  # page.data, page.next_cursor
    for delivery in caravan.deliveries.list(status=["failed"]):
        caravan.deliveries.retry(delivery["id"])
    # readme:end
    print(page.data)


def errors(caravan: Caravan) -> None:
    # readme:start
    try:
        caravan.endpoints.create({"url": "not a url"})
    except CaravanApiError as error:
        if error.code != "CARAVAN_VALIDATION_FAILED":
            raise
        print(error.errors)  # [{'field': '/body/url', 'message': '…'}]
    # readme:end


def retries(caravan: Caravan, endpoint_id: str) -> None:
    # readme:start
    caravan.endpoints.rotate_secret(endpoint_id, {"gracePeriodSeconds": 3600}, idempotency_key="rotate-42")
    caravan.events.list(timeout=5, max_retries=0)
    # readme:end


def webhooks(raw_body: bytes, headers: Mapping[str, str]) -> Any:
    # readme:start
    from caravan import Webhook, WebhookVerificationError

    webhook = Webhook(os.environ["ENDPOINT_SECRET"])  # whsec_… (or whpk_… for Ed25519 endpoints)
    payload = webhook.verify(raw_body, headers)  # the exact bytes received, not re-serialised JSON
    # readme:end
    assert issubclass(WebhookVerificationError, Exception)
    return payload
