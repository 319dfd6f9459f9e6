"""The README shows the snippets of examples/usage.py as they are, and they run."""

from __future__ import annotations

import re
import sys
import textwrap
import time

import pytest

from caravan import Caravan, Webhook, WebhookVerificationError

from .conftest import SDK_ROOT

sys.path.insert(0, str(SDK_ROOT / "examples"))
import usage  # noqa: E402


def test_the_readme_shows_the_usage_snippets_unchanged():
    source = (SDK_ROOT / "examples" / "usage.py").read_text()
    readme = (SDK_ROOT / "README.md").read_text()
    blocks = re.findall(r"# readme:start\n(.*?)\n\s*# readme:end", source, re.S)
    assert len(blocks) == 5
    for block in blocks:
        snippet = textwrap.dedent(block)
        assert f"```python\n{snippet}\n```" in readme, f"README.md does not show this snippet:\n{snippet}"


def test_the_client_and_webhook_snippets_run(monkeypatch):
    monkeypatch.setenv("CARAVAN_API_KEY", "ck_live_x")
    assert isinstance(usage.client(), Caravan)
    secret = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    monkeypatch.setenv("ENDPOINT_SECRET", secret)
    ts = int(time.time())
    body = b'{"n":1}'
    headers = {"webhook-id": "evt_1", "webhook-timestamp": str(ts),
               "webhook-signature": Webhook(secret).sign("evt_1", ts, body)}
    assert usage.webhooks(body, headers) == {"n": 1}
    with pytest.raises(WebhookVerificationError):
        usage.webhooks(b'{"n":2}', headers)
