"""Test helpers: a live `caravan dev` started from the repository's sources, the spec, the vectors."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[3]
SDK_ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what: str, condition: Callable[[], Any], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@dataclass
class DevServer:
    url: str
    admin_key: str
    data_dir: Path


@pytest.fixture(scope="session")
def dev() -> Iterator[DevServer]:
    """`caravan dev` on a free port and a temporary data dir, with an admin key set by the environment."""
    data_dir = Path(tempfile.mkdtemp(prefix="caravan-python-sdk-"))
    admin_key = f"cadm_test_{secrets.token_hex(24)}"
    env = {
        **os.environ,
        "CARAVAN_PORT": str(free_port()),
        "CARAVAN_ADMIN_KEY": admin_key,
        "CARAVAN_LOG_LEVEL": "warn",
        "CARAVAN_DESTINATION_PLUGINS": "@caravan/destination-aws-sqs",
    }
    process = subprocess.Popen(
        [os.environ.get("NODE", "node"), "--conditions=caravan-source", "--import", "tsx",
         "api/src/cli/caravan.ts", "dev", "--data-dir", str(data_dir)],
        cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    found: Dict[str, str] = {}
    ready = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            match = re.search(r"is listening on (\S+)", line)
            if match:
                found["url"] = match.group(1)
                ready.set()
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        ready.wait(90)
        if "url" not in found:
            raise RuntimeError("caravan dev did not print its URL")
        yield DevServer(found["url"], admin_key, data_dir)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        shutil.rmtree(data_dir, ignore_errors=True)


@dataclass(frozen=True)
class SpecOperation:
    id: str
    method: str
    pattern: "re.Pattern[str]"


def spec_operations() -> List[SpecOperation]:
    spec = yaml.safe_load((REPO_ROOT / "openapi" / "caravan.yaml").read_text())
    operations = []
    for path, item in spec["paths"].items():
        pattern = re.compile("^" + re.sub(r"\{\w+\}", "[^/]+", path) + "$")
        for method in ("get", "post", "put", "patch", "delete"):
            if method in item:
                operations.append(SpecOperation(item[method]["operationId"], method.upper(), pattern))
    return operations


def load_vectors() -> Dict[str, Any]:
    """The Standard Webhooks test vectors: $CARAVAN_WEBHOOK_VECTORS, or shared/vectors/ next to the
    repository (or a folder above it)."""
    path = os.environ.get("CARAVAN_WEBHOOK_VECTORS")
    if not path:
        for folder in [REPO_ROOT, *REPO_ROOT.parents]:
            candidate = folder.parent / "shared" / "vectors" / "standard-webhooks.json"
            if candidate.exists():
                path = str(candidate)
                break
    if not path:
        raise AssertionError("standard-webhooks.json not found: set CARAVAN_WEBHOOK_VECTORS")
    vectors = json.loads(Path(path).read_text())
    assert vectors["valid"] and vectors["mustFail"]
    return vectors
