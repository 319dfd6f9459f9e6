"""The README's five-minute tour, on caravan dev: as a function, and as the README's script run from a
scratch folder."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from typing import Any, List, Tuple

from caravan import Caravan

from .conftest import SDK_ROOT, free_port, wait_for

sys.path.insert(0, str(SDK_ROOT / "examples"))
from tour import tour  # noqa: E402

README = (SDK_ROOT / "README.md").read_text()


def tenant_key(dev) -> str:
    admin = Caravan(api_key=dev.admin_key, base_url=dev.url)
    tenant = admin.tenants.create({"name": "Acme"})
    return admin.api_keys.create(tenant["id"], {"name": "backend"})["key"]


def test_on_caravan_dev_an_event_sent_with_the_sdk_arrives_and_passes_verification(dev):
    verified: List[Tuple[str, Any]] = []
    port = free_port()
    caravan, receiver = tour(tenant_key(dev), dev.url, port, lambda i, p: verified.append((i, p)))
    try:
        wait_for("the receiver to verify a webhook", lambda: verified)
        event_id, payload = verified[0]
        assert payload == {"invoiceId": "in_1", "amount": 12500}
        assert [e["id"] for e in caravan.events.list(event_type="invoice.paid")] == [event_id], \
            "webhook-id is the id of the event sent"
        forged = urllib.request.Request(
            f"http://127.0.0.1:{port}/hook", method="POST", data=b'{"invoiceId":"in_1","amount":1}',
            headers={"webhook-id": event_id, "webhook-timestamp": str(int(time.time())),
                     "webhook-signature": "v1," + base64.b64encode(bytes(32)).decode()},
        )
        try:
            urllib.request.urlopen(forged, timeout=10)
            raise AssertionError("the receiver accepted a request Caravan did not sign")
        except urllib.error.HTTPError as error:
            assert error.code == 400
        assert len(verified) == 1
        delivery_id = caravan.deliveries.list(event_id=event_id).data[0]["id"]
        wait_for("the delivery to be recorded as succeeded",
                 lambda: caravan.deliveries.get(delivery_id)["status"] == "succeeded")
    finally:
        receiver.shutdown()
        receiver.server_close()


def tour_body() -> str:
    source = (SDK_ROOT / "examples" / "tour.py").read_text()
    match = re.search(r"# tour:start\n(.*?)\n\s*# tour:end", source, re.S)
    assert match, "no tour markers in examples/tour.py"
    return textwrap.dedent(match.group(1))


def test_the_readme_quotes_the_tour_as_it_is_run():
    assert tour_body() in README, "copy the lines between the tour markers of examples/tour.py into README.md"
    code = [line for line in tour_body().splitlines() if line.strip() and not line.strip().startswith("#")]
    assert len(code) < 30, f"the tour is {len(code)} lines of code"


def test_the_readme_script_runs_from_a_scratch_folder(dev, tmp_path):
    match = re.search(r"```python\n(import os\n.*?)```", README, re.S)
    assert match, "no tour script in README.md"
    port = free_port()
    script = match.group(1).replace('"http://127.0.0.1:8080"', json.dumps(dev.url)).replace("port = 9000", f"port = {port}")
    (tmp_path / "tour.py").write_text(script)
    env = {**os.environ, "CARAVAN_API_KEY": tenant_key(dev)}
    env.pop("PYTHONPATH", None)
    process = subprocess.Popen([sys.executable, "tour.py"], cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, text=True)
    lines: List[str] = []
    threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()
    try:
        wait_for("the README script to print a verified webhook", lambda: lines)
        assert re.fullmatch(r"verified evt_\w+ \{'invoiceId': 'in_1', 'amount': 12500\}\n", lines[0]), lines[0]
        print("the README script printed:", lines[0].strip())
    finally:
        process.kill()
        process.wait()
