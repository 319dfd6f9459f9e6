"""The five-minute tour of the README, run by tests/test_tour.py. The lines between the `tour:` markers
are quoted verbatim in sdk-clients/python/README.md."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Tuple

from caravan import Caravan, Webhook, WebhookVerificationError


def tour(
    api_key: str, base_url: str, port: int, on_verified: Callable[[str, Any], None]
) -> Tuple[Caravan, ThreadingHTTPServer]:
    """Creates an endpoint on a local receiver, sends it an event, and verifies what Caravan delivers."""
    # tour:start
    caravan = Caravan(api_key=api_key, base_url=base_url)
    endpoint = caravan.endpoints.create({"url": f"http://127.0.0.1:{port}/hook"})

    # Your customer's receiver: checks each webhook against the endpoint's secret, over the exact bytes.
    webhook = Webhook(endpoint["secret"])

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["content-length"]))
            try:
                payload = webhook.verify(body, self.headers)
            except WebhookVerificationError:
                self.send_response(400)  # forged, altered or stale: Caravan retries, then gives up
            else:
                on_verified(self.headers["webhook-id"], payload)
                self.send_response(204)
            self.end_headers()

    receiver = ThreadingHTTPServer(("127.0.0.1", port), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()

    caravan.events.send({"eventType": "invoice.paid", "payload": {"invoiceId": "in_1", "amount": 12500}})
    # tour:end
    return caravan, receiver
