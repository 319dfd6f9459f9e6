"""The Caravan API client."""

from __future__ import annotations

from ._http import HttpClient
from ._resources import Resources


class Caravan(Resources):
    """The Caravan API client: one attribute per resource group (``endpoints``, ``events``,
    ``deliveries``, …) and one method per operation of the API.

    >>> caravan = Caravan(api_key=os.environ["CARAVAN_API_KEY"], base_url="http://127.0.0.1:8080")
    >>> sent = caravan.events.send({"eventType": "invoice.paid", "payload": {"invoiceId": "in_1"}})
    """

    def __init__(
        self,
        api_key: str,
        base_url: str,
        *,
        timeout: float = 30.0,
        max_retries: int = 2,
        retry_base_delay: float = 0.5,
    ) -> None:
        """``api_key``: a tenant API key (``ck_live_…``), or the operator's admin key for the admin
        groups. ``base_url``: where Caravan serves its API (without ``/v1``). ``timeout``: seconds per
        attempt. ``max_retries``: retries after a 429, a 5xx, a timeout or a network error.
        ``retry_base_delay``: first backoff step (seconds) when the answer has no ``Retry-After``."""
        if not isinstance(api_key, str) or not api_key:
            raise ValueError("Caravan(): api_key must be a non-empty string")
        if not isinstance(base_url, str) or not base_url.startswith(("http://", "https://")):
            raise ValueError("Caravan(): base_url must be an http(s) URL")
        if timeout <= 0 or max_retries < 0 or retry_base_delay < 0:
            raise ValueError("Caravan(): timeout must be positive, max_retries and retry_base_delay not negative")
        super().__init__(HttpClient(api_key, base_url, timeout, max_retries, retry_base_delay))
