"""Retries, Retry-After, idempotency keys, typed errors and pages, against a local server that drops the
first answers."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest

from caravan import Caravan, CaravanApiError, CaravanConnectionError, CaravanTimeoutError

Answer = Tuple[int, Dict[str, str], Any]


class FakeServer:
    """Drops the connection of the first `drop` requests without an answer, answers the others with
    `handler(n, request)`, and records every request."""

    def __init__(self, drop: int, handler: Optional[Callable[[int, Dict[str, Any]], Answer]]) -> None:
        self.requests: List[Dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def handle_one(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                request = {"method": self.command, "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                           "body": json.loads(body) if body else None}
                fake.requests.append(request)
                n = len(fake.requests)
                if n <= drop:
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                status, headers, payload = handler(n, request)
                if status == 0:  # hang past the client's timeout
                    time.sleep(payload)
                    return
                data = b"" if payload is None else json.dumps(payload).encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("content-type", headers.get("content-type", "application/json"))
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PATCH = do_DELETE = handle_one

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def client(self, **options: Any) -> Caravan:
        return Caravan(api_key="ck_test", base_url=self.url, retry_base_delay=0.001, **options)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake():
    servers: List[FakeServer] = []

    def make(drop: int, handler: Optional[Callable[[int, Dict[str, Any]], Answer]] = None) -> FakeServer:
        servers.append(FakeServer(drop, handler))
        return servers[-1]

    yield make
    for s in servers:
        s.close()


ENDPOINT = {"id": "ep_1", "url": "http://127.0.0.1:9/hook", "secret": "whsec_AAAA"}


def test_a_dropped_create_is_retried_with_one_idempotency_key(fake):
    server = fake(2, lambda n, r: (201, {}, ENDPOINT))
    created = server.client().endpoints.create({"url": "http://127.0.0.1:9/hook"})
    assert created == ENDPOINT
    keys = [r["headers"].get("idempotency-key") for r in server.requests]
    assert len(keys) == 3, "two dropped, one answered"
    assert keys[0] and keys == [keys[0]] * 3
    server.client().endpoints.create({"url": "http://127.0.0.1:9/hook"})
    assert server.requests[3]["headers"]["idempotency-key"] != keys[0], "another call, another key"


def test_the_callers_idempotency_key_is_sent(fake):
    server = fake(1, lambda n, r: (200, {}, {"secret": "whsec_BBBB"}))
    server.client().endpoints.rotate_secret("ep 1/x", idempotency_key="rotate-42")
    assert [r["headers"]["idempotency-key"] for r in server.requests] == ["rotate-42", "rotate-42"]
    assert server.requests[0]["path"] == "/v1/endpoints/ep%201%2Fx/secret/rotate"
    assert server.requests[0]["body"] is None


def test_gives_up_after_max_retries(fake):
    server = fake(100)
    with pytest.raises(CaravanConnectionError):
        server.client().tenant.get()
    assert len(server.requests) == 3, "1 + 2 retries"
    with pytest.raises(CaravanConnectionError):
        server.client(max_retries=0).tenant.get()
    assert len(server.requests) == 4
    with pytest.raises(CaravanConnectionError):
        server.client().tenant.get(max_retries=0)
    assert len(server.requests) == 5


def test_honours_retry_after_on_429_then_retries_503(fake):
    def handler(n, r):
        if n == 1:
            return 429, {"retry-after": "1"}, {"title": "Too Many Requests", "status": 429, "code": "CARAVAN_RATE_LIMITED"}
        if n == 2:
            return 503, {}, {"title": "Unavailable", "status": 503, "code": "CARAVAN_UNAVAILABLE"}
        return 200, {}, {"id": "job_1"}

    server = fake(0, handler)
    start = time.monotonic()
    assert server.client().jobs.get("job_1") == {"id": "job_1"}
    assert time.monotonic() - start >= 0.9, "waited what Retry-After asked"
    assert len(server.requests) == 3


def test_a_long_retry_after_is_raised_to_the_caller(fake):
    server = fake(0, lambda n, r: (429, {"retry-after": "3600"}, {"title": "Too Many Requests", "status": 429, "code": "CARAVAN_RATE_LIMITED"}))
    with pytest.raises(CaravanApiError) as raised:
        server.client().jobs.get("job_1")
    assert raised.value.status == 429
    assert {k.lower(): v for k, v in raised.value.headers.items()}["retry-after"] == "3600"
    assert len(server.requests) == 1


def test_problem_details_become_typed_errors_and_are_not_retried(fake):
    problem = {"type": "https://caravan.dev/problems/validation-failed", "title": "Validation failed", "status": 400,
               "detail": "1 field is invalid", "code": "CARAVAN_VALIDATION_FAILED",
               "errors": [{"field": "/body/url", "message": "must be a URL"}], "requestId": "req_1"}
    server = fake(0, lambda n, r: (400, {"content-type": "application/problem+json"}, problem))
    with pytest.raises(CaravanApiError) as raised:
        server.client().endpoints.create({"url": "not a url"})
    error = raised.value
    assert (error.status, error.code, error.title, error.detail, error.request_id) == (
        400, "CARAVAN_VALIDATION_FAILED", "Validation failed", "1 field is invalid", "req_1")
    assert error.errors == [{"field": "/body/url", "message": "must be a URL"}]
    assert "CARAVAN_VALIDATION_FAILED" in str(error)
    assert len(server.requests) == 1


def test_a_non_problem_answer_is_an_unexpected_response(fake):
    server = fake(0, lambda n, r: (404, {"content-type": "text/plain"}, None))
    with pytest.raises(CaravanApiError) as raised:
        server.client().jobs.get("job_1")
    assert (raised.value.status, raised.value.code, raised.value.title) == (404, "CARAVAN_UNEXPECTED_RESPONSE", "HTTP 404")


def test_a_send_keeps_its_generated_key_across_retries_and_its_own_duplicate_is_new(fake):
    server = fake(1, lambda n, r: (202, {}, {"id": "evt_1", "duplicate": True}))
    client = server.client()
    sent = client.events.send({"eventType": "invoice.paid", "payload": {"z": 1, "a": 2}})
    assert sent == {"id": "evt_1", "duplicate": False}, "the event its own lost attempt made is new for the caller"
    first, second = (r["body"] for r in server.requests)
    assert first["idempotencyKey"] and first["idempotencyKey"] == second["idempotencyKey"]
    assert list(first["payload"]) == ["z", "a"], "the payload is sent as given"
    again = client.events.send({"eventType": "invoice.paid", "payload": 1, "idempotencyKey": "k1"})
    assert again["duplicate"] is True, "a key the caller chose is the caller's"


def test_a_batch_derives_one_key_per_event(fake):
    server = fake(1, lambda n, r: (202, {}, {"data": [{"id": "evt_1", "duplicate": True}, {"id": "evt_2", "duplicate": True}]}))
    batch = server.client().events.send_batch(
        {"events": [{"eventType": "a", "payload": 1}, {"eventType": "b", "payload": 2, "idempotencyKey": "mine"}]},
        idempotency_key="job-7",
    )
    assert [e["idempotencyKey"] for e in server.requests[1]["body"]["events"]] == ["job-7-0", "mine"]
    assert [d["duplicate"] for d in batch["data"]] == [True, True], "the caller's own key: reported as is"
    server2 = fake(1, lambda n, r: (202, {}, {"data": [{"id": "evt_1", "duplicate": True}, {"id": "evt_2", "duplicate": True}]}))
    batch = server2.client().events.send_batch(
        {"events": [{"eventType": "a", "payload": 1}, {"eventType": "b", "payload": 2, "idempotencyKey": "mine"}]})
    assert [d["duplicate"] for d in batch["data"]] == [False, True]


def test_a_timed_out_attempt_is_retried(fake):
    server = fake(0, lambda n, r: (0, {}, 1.5) if n == 1 else (200, {}, {"id": "job_1"}))
    assert server.client(timeout=0.3).jobs.get("job_1") == {"id": "job_1"}
    assert len(server.requests) == 2
    slow = fake(0, lambda n, r: (0, {}, 1.0))
    with pytest.raises(CaravanTimeoutError):
        slow.client().jobs.get("job_1", timeout=0.2, max_retries=0)


def test_a_page_walks_every_page_with_the_same_filters(fake):
    def handler(n, r):
        cursor = r["path"].partition("cursor=")[2]
        nxt = {"": "c1", "c1": "c2", "c2": None}[cursor]
        return 200, {}, {"data": [{"id": f"dlv_{cursor}"}], "nextCursor": nxt}

    server = fake(0, handler)
    client = server.client()
    page = client.deliveries.list(status=["failed", "discarded"], limit=1)
    assert page.data == [{"id": "dlv_"}] and page.next_cursor == "c1"
    assert [d["id"] for d in client.deliveries.list(status=["failed", "discarded"], limit=1)] == ["dlv_", "dlv_c1", "dlv_c2"]
    assert [len(p.data) for p in page.pages()] == [1, 1, 1]
    for r in server.requests:
        assert r["path"].startswith("/v1/deliveries?status=failed&status=discarded&limit=1")


def test_retry_after_reads_seconds_or_an_http_date_and_backoff_is_capped():
    from caravan._http import backoff, retry_after

    assert retry_after({"Retry-After": "7"}) == 7.0
    assert retry_after({"retry-after": "Sun, 06 Dec 2026 03:00:30 GMT"}, now=1796526000.0) == 30.0
    assert retry_after({"retry-after": "Sun, 06 Dec 2026 03:00:30 GMT"}, now=1796526100.0) == 0.0
    assert retry_after({"retry-after": "soon"}) is None
    assert retry_after({}) is None
    assert all(0 <= backoff(n, 0.5) <= min(8.0, 0.5 * 2**n) for n in range(12))
