"""The SDK against a live `caravan dev` (API, router, dispatcher over SQLite) over real HTTP: every
operation of the spec through its method, typed errors, pages, and idempotent retries through a proxy that
drops answers."""

from __future__ import annotations

import http.client
import os
import socket
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator, List, Set
from urllib.parse import urlparse

import pytest

from caravan import Caravan, CaravanApiError
from caravan._http import HttpClient

from .conftest import DevServer, spec_operations, wait_for

OPERATIONS = spec_operations()
SUCCEEDED: Set[str] = set()
WALKS = {"registered": 0, "completed": 0}


@pytest.fixture(scope="module", autouse=True)
def record_successes() -> Iterator[None]:
    """Notes each operation that Caravan answered with success, whichever client sent it."""
    original = HttpClient._attempt

    def attempt(self, method, url, headers, data, timeout):
        result = original(self, method, url, headers, data, timeout)
        path = urlparse(url).path
        for op in OPERATIONS:
            if op.method == method and op.pattern.match(path):
                SUCCEEDED.add(op.id)
        return result

    HttpClient._attempt = attempt
    yield
    HttpClient._attempt = original


def walk(fn):
    """A test that walks part of the API; the last test checks that every operation was walked."""
    WALKS["registered"] += 1

    def run(dev):
        fn(dev)
        WALKS["completed"] += 1

    run.__name__ = fn.__name__
    run.__doc__ = fn.__doc__
    return run


def start(dev: DevServer):
    admin = Caravan(api_key=dev.admin_key, base_url=dev.url)
    tenant = admin.tenants.create({"name": "Acme"})
    key = admin.api_keys.create(tenant["id"], {"name": "sdk"})["key"]
    return admin, tenant, key, Caravan(api_key=key, base_url=dev.url)


@walk
def test_operator_groups(dev):
    admin, tenant, _, client = start(dev)
    assert tenant["id"].startswith("tnt_")
    assert admin.tenants.get(tenant["id"])["name"] == "Acme"
    assert admin.tenants.update(tenant["id"], {"name": "Acme Inc"})["name"] == "Acme Inc"
    other = admin.tenants.create({"name": "Globex"})
    names = [t["name"] for t in admin.tenants.list(limit=1)]
    assert names.index("Globex") < names.index("Acme Inc"), "every page, newest first"
    admin.tenants.delete(other["id"])
    with pytest.raises(CaravanApiError) as gone:
        admin.tenants.get(other["id"])
    assert gone.value.status == 404

    second = admin.api_keys.create(tenant["id"], {"name": "second"})
    assert admin.api_keys.update(tenant["id"], second["id"], {"name": "renamed"})["name"] == "renamed"
    assert len(admin.api_keys.list(tenant["id"]).data) == 2
    admin.api_keys.revoke(tenant["id"], second["id"])
    with pytest.raises(CaravanApiError) as refused:
        Caravan(api_key=second["key"], base_url=dev.url).tenant.get()
    assert refused.value.code == "CARAVAN_UNAUTHORIZED"

    # The tenant's own keys, with its own key: made, listed, revoked.
    own = client.tenant.create_api_key({"name": "ci"})
    assert "ci" in [k["name"] for k in client.tenant.list_api_keys()]
    client.tenant.revoke_api_key(own["id"])
    with pytest.raises(CaravanApiError) as own_refused:
        Caravan(api_key=own["key"], base_url=dev.url).tenant.get()
    assert own_refused.value.status == 401

    pool = admin.egress_pools.create({
        "name": f"eu-static-{tenant['id']}", "mode": "bind", "addresses": ["127.0.0.2"],
        "publicIps": ["203.0.113.10"], "allowedTenantIds": [tenant["id"]],
    })
    assert admin.egress_pools.get(pool["id"])["name"] == pool["name"]
    assert admin.egress_pools.update(pool["id"], {"publicIps": ["203.0.113.11"]})["publicIps"] == ["203.0.113.11"]
    assert pool["id"] in [p["id"] for p in admin.egress_pools.list()]
    admin.egress_pools.delete(pool["id"])
    assert pool["id"] not in [p["id"] for p in admin.egress_pools.list()]


def insert_dead_letter(dev: DevServer, tenant_id: str, source_id: str) -> str:
    """Stores a dead letter as the source runner stores them, as the TypeScript SDK's test does."""
    dead_letter_id = f"dl_01J{time.time_ns() % 10**15:023d}"
    with sqlite3.connect(dev.data_dir / "caravan.sqlite", timeout=10) as db:
        db.execute(
            "insert into dead_letters (id, tenant_id, source_id, message_id, body, attributes, reason, received_at,"
            " replayed_at, replayed_event_id) values (?, ?, ?, 'm-1', ?, '{}', ?, ?, null, null)",
            (dead_letter_id, tenant_id, source_id, b'{"eventType":"order.created","payload":{"n":1}}',
             '{"code":"CARAVAN_LOG_UNAVAILABLE","message":"log down","errors":[]}', int(time.time() * 1000)),
        )
    return dead_letter_id


@walk
def test_tenant_groups(dev):
    admin, tenant, _, caravan = start(dev)
    assert caravan.tenant.get()["id"] == tenant["id"]
    stats = caravan.tenant.get_stats(bucket_seconds=300)
    assert stats["bucketSeconds"] == 300 and len(stats["data"]) >= 12
    assert caravan.tenant.create_portal_token({"ownerId": "cus_1", "ttlSeconds": 600})["token"].startswith("cpt_")
    updated = caravan.tenant.update({"operationsUrl": "https://ops.acme.example/caravan"})
    assert updated["operationsUrl"] == "https://ops.acme.example/caravan"
    shared = admin.egress_pools.create({
        "name": f"shared-{tenant['id']}", "mode": "bind", "addresses": ["127.0.0.2"],
        "publicIps": ["203.0.113.20"], "allowAllTenants": True,
    })
    try:
        assert shared["id"] in [p["id"] for p in caravan.tenant.list_egress_pools()]
    finally:
        admin.egress_pools.delete(shared["id"])

    event_type = caravan.event_types.create({
        "name": "invoice.paid",
        "schema": {"type": "object", "required": ["amount"], "properties": {"amount": {"type": "integer"}}},
    })
    assert caravan.event_types.get(event_type["name"])["name"] == "invoice.paid"
    assert caravan.event_types.update(event_type["name"], {"description": "Paid"})["description"] == "Paid"
    assert [e["name"] for e in caravan.event_types.list()] == ["invoice.paid"]
    with pytest.raises(CaravanApiError) as mismatch:
        caravan.events.send({"eventType": "invoice.paid", "payload": {"amount": "x"}})
    assert mismatch.value.code == "CARAVAN_PAYLOAD_SCHEMA_MISMATCH"
    assert any(e["field"] == "/body/payload/amount" for e in mismatch.value.errors)
    caravan.event_types.delete(event_type["name"])

    assert any(st["id"] == "aws-sqs" for st in caravan.source_types.list()["data"])
    assert caravan.source_types.get("aws-sqs")["id"] == "aws-sqs"
    assert [d["id"] for d in caravan.destination_types.list()["data"]] == ["aws-sqs"]
    assert caravan.destination_types.get("aws-sqs")["displayName"] == "Amazon SQS"

    source = caravan.sources.create({
        "name": "orders", "type": "aws-sqs",
        "config": {"queueUrl": "http://127.0.0.1:9324/000000000000/python-sdk-orders", "region": "eu-west-1",
                   "endpoint": "http://127.0.0.1:9324"},
        "credentials": {"accessKeyId": "AKIAIOSFODNN7EXAMPLE", "secretAccessKey": "secret-value"},
    })
    assert source["hasCredentials"] is True
    assert caravan.sources.get(source["id"])["name"] == "orders"
    assert caravan.sources.update(source["id"], {"name": "orders-eu"})["name"] == "orders-eu"
    assert len(caravan.sources.list().data) == 1
    assert caravan.sources.pause(source["id"])["status"]["state"] == "paused"
    assert caravan.sources.resume(source["id"])["status"]["state"] != "paused"
    caravan.sources.pause(source["id"])  # so the runner does not poll a queue that does not exist
    dead_letter_id = insert_dead_letter(dev, tenant["id"], source["id"])
    assert [d["messageId"] for d in caravan.sources.list_dead_letters(source["id"])] == ["m-1"]
    assert caravan.sources.replay_dead_letter(source["id"], dead_letter_id)["id"].startswith("evt_")
    caravan.sources.delete(source["id"])
    assert caravan.sources.list().data == []
    assert caravan.operational_events.list(limit=10).data == []


@walk
def test_endpoints_events_deliveries_and_jobs(dev):
    _, _, _, caravan = start(dev)
    endpoint = caravan.endpoints.create({"url": "http://127.0.0.1:9/hook", "eventTypes": ["invoice.*"]})
    assert endpoint["secret"].startswith("whsec_")
    assert caravan.endpoints.get(endpoint["id"])["url"] == "http://127.0.0.1:9/hook"
    assert caravan.endpoints.update(endpoint["id"], {"description": "billing"})["description"] == "billing"
    assert len(caravan.endpoints.list().data) == 1
    rotated = caravan.endpoints.rotate_secret(endpoint["id"])
    assert rotated["secret"] != endpoint["secret"]
    assert len(caravan.endpoints.list_secrets(endpoint["id"])["data"]) == 2, "the old secret stays live"
    assert caravan.endpoints.pause(endpoint["id"])["status"] == "paused"
    assert caravan.endpoints.resume(endpoint["id"])["status"] == "active"
    assert caravan.endpoints.get_health(endpoint["id"])

    sent = caravan.events.send({"eventType": "invoice.paid", "payload": {"n": 1}})
    assert sent["duplicate"] is False
    batch = caravan.events.send_batch({"events": [
        {"eventType": "invoice.created", "payload": {"n": 2}},
        {"eventType": "invoice.created", "payload": {"n": 3}, "idempotencyKey": "inv-3"},
    ]})
    assert len(batch["data"]) == 2
    again = caravan.events.send({"eventType": "invoice.created", "payload": {"n": 99}, "idempotencyKey": "inv-3"})
    assert again == {"id": batch["data"][1]["id"], "duplicate": True}

    wait_for("the router to persist 3 events", lambda: len(caravan.events.list().data) == 3)
    assert caravan.events.get(sent["id"])["payload"] == {"n": 1}
    deliveries = list(caravan.deliveries.list(event_id=sent["id"]))
    assert len(deliveries) == 1
    delivery = caravan.deliveries.get(deliveries[0]["id"])
    assert delivery["endpointId"] == endpoint["id"]
    assert isinstance(caravan.deliveries.list_attempts(delivery["id"]).data, list)
    assert caravan.deliveries.retry(delivery["id"])
    assert caravan.events.replay(sent["id"])
    bulk = caravan.deliveries.bulk_retry({"since": "2026-01-01T00:00:00.000Z", "status": ["failed"]})
    assert caravan.jobs.get(bulk["id"])["id"] == bulk["id"]
    recover = caravan.endpoints.recover(endpoint["id"], {"since": "2026-01-01T00:00:00.000Z"})
    assert caravan.jobs.get(recover["id"])["type"] == "endpoint_recover"

    caravan.endpoints.delete(endpoint["id"])
    with pytest.raises(CaravanApiError) as gone:
        caravan.endpoints.get(endpoint["id"])
    assert gone.value.status == 404 and "NOT_FOUND" in gone.value.code


class DroppingProxy:
    """Forwards to Caravan, but when armed, lets Caravan act on the next POST and then drops the
    connection instead of passing its answer back."""

    def __init__(self, target: str) -> None:
        self.armed = False
        self.dropped = 0
        proxy = self
        host, port = urlparse(target).hostname, urlparse(target).port

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def forward(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else None
                upstream = http.client.HTTPConnection(host, port, timeout=30)
                upstream.request(self.command, self.path, body=body, headers=dict(self.headers.items()))
                answer = upstream.getresponse()
                data = answer.read()
                upstream.close()
                if self.command == "POST" and proxy.armed:
                    proxy.armed = False
                    proxy.dropped += 1
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                self.send_response(answer.status)
                for k, v in answer.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PATCH = do_DELETE = forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@walk
def test_a_create_or_send_whose_answer_is_lost_is_retried_with_its_key_and_acts_once(dev):
    _, _, key, caravan = start(dev)
    proxy = DroppingProxy(dev.url)
    try:
        through = Caravan(api_key=key, base_url=proxy.url, retry_base_delay=0.001)
        proxy.armed = True
        created = through.endpoints.create({"url": "http://127.0.0.1:9/hook"})
        assert proxy.dropped == 1, "the first answer was lost"
        assert [e["id"] for e in caravan.endpoints.list()] == [created["id"]], \
            "the retry replayed the first answer instead of creating a second endpoint"

        proxy.armed = True
        sent = through.events.send({"eventType": "invoice.paid", "payload": {"n": 1}})
        assert proxy.dropped == 2, "the first answer to the send was lost"
        assert sent["duplicate"] is False, "the retry found the event its own first attempt made: new, for the caller"
        wait_for("the router to persist the event", lambda: len(caravan.events.list().data) > 0)
        assert [e["id"] for e in caravan.events.list()] == [sent["id"]], "one event, not two"
        first = through.events.send({"eventType": "invoice.paid", "payload": {"n": 1}, "idempotencyKey": "k1"})
        repeat = through.events.send({"eventType": "invoice.paid", "payload": {"n": 1}, "idempotencyKey": "k1"})
        assert repeat == {"id": first["id"], "duplicate": True}, "the caller's own repeated key is still a duplicate"
    finally:
        proxy.server.shutdown()
        proxy.server.server_close()


def test_every_operation_of_the_spec_succeeded_through_the_sdk():
    if WALKS["completed"] < WALKS["registered"]:
        pytest.skip("not every walk of the live server ran")
    assert [o.id for o in OPERATIONS if o.id not in SUCCEEDED] == []
