"""Sends operation calls with the key, a per-attempt timeout and retries (standard library only)."""

from __future__ import annotations

import json
import random
import socket
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http.client import HTTPException
from typing import Any, Dict, List, Mapping, Optional
from urllib.parse import urlencode

from ._errors import CaravanApiError, CaravanConnectionError, CaravanTimeoutError
from ._pagination import Page

#: Longest ``Retry-After`` the client waits for (seconds); a longer one is raised to the caller to decide.
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class Operation:
    """One call of an operation of the spec, as the generated methods describe it."""

    operation_id: str
    method: str
    path: str
    idempotency_header: bool = False
    #: Where an ingest body carries its own idempotency key: ``"event"`` or ``"batch"``.
    body_key: Optional[str] = None


@dataclass(frozen=True)
class RequestOptions:
    """Per-call options: the idempotency key, the attempt timeout (seconds) and the retries."""

    idempotency_key: Optional[str] = None
    timeout: Optional[float] = None
    max_retries: Optional[int] = None


class HttpClient:
    """Every retry of one call sends the same idempotency key, so a ``POST`` whose first answer was lost
    never acts twice."""

    def __init__(
        self, api_key: str, base_url: str, timeout: float, max_retries: int, retry_base_delay: float
    ) -> None:
        self.api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self.retry_base_delay = retry_base_delay
        # No redirects followed; proxies from the environment as urllib does.
        self._opener = urllib.request.build_opener(_NoRedirect)

    def request(
        self,
        operation: Operation,
        body: Any = None,
        query: Optional[Mapping[str, Any]] = None,
        options: RequestOptions = RequestOptions(),
    ) -> Any:
        generated_key = options.idempotency_key is None
        key = options.idempotency_key or str(uuid.uuid4())
        headers = {"authorization": f"Bearer {self.api_key}", "accept": "application/json"}
        if operation.idempotency_header:
            headers["idempotency-key"] = key
        data: Optional[bytes] = None
        keyed: List[bool] = []
        if body is not None:
            if operation.body_key:
                body, keyed = _with_ingest_keys(operation.body_key, body, key)
            headers["content-type"] = "application/json"
            data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
        url = self.base_url + operation.path + _query_string(query)
        max_retries = self.max_retries if options.max_retries is None else max(0, options.max_retries)
        timeout = options.timeout or self.timeout
        attempt = 0
        while True:
            try:
                result = self._attempt(operation.method, url, headers, data, timeout)
            except CaravanError_ as error:
                wait = self._retry_delay(error, attempt, max_retries)
                if wait is None:
                    raise
                time.sleep(wait)
                attempt += 1
                continue
            if attempt > 0 and generated_key and operation.body_key:
                # The key was this call's own: a duplicate found by a retry is its lost first attempt.
                result = _own_duplicates_as_new(operation.body_key, result, keyed)
            return result

    def paginate(
        self, operation: Operation, query: Mapping[str, Any], options: RequestOptions = RequestOptions()
    ) -> Page[Any]:
        filters = {k: v for k, v in query.items() if k != "cursor"}

        def fetch(cursor: Optional[str]) -> Dict[str, Any]:
            page: Dict[str, Any] = self.request(operation, query={**filters, "cursor": cursor}, options=options)
            return page

        return Page(fetch(query.get("cursor")), fetch)

    def _attempt(
        self, method: str, url: str, headers: Mapping[str, str], data: Optional[bytes], timeout: float
    ) -> Any:
        request = urllib.request.Request(url, data=data, headers=dict(headers), method=method)
        try:
            with self._opener.open(request, timeout=timeout) as response:
                return _parse(response.read())
        except urllib.error.HTTPError as error:
            with error:
                text = error.read()
            raise CaravanApiError(error.code, _parse(text), dict(error.headers.items())) from None
        except (TimeoutError, socket.timeout) as error:
            raise CaravanTimeoutError(f"{method} {url} timed out after {timeout} s") from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                raise CaravanTimeoutError(f"{method} {url} timed out after {timeout} s") from error
            raise CaravanConnectionError(f"{method} {url} failed: {error.reason}") from error
        except (OSError, HTTPException) as error:
            raise CaravanConnectionError(f"{method} {url} failed: {error!r}") from error

    def _retry_delay(self, error: Exception, attempt: int, max_retries: int) -> Optional[float]:
        if attempt >= max_retries or not is_retriable(error):
            return None
        if isinstance(error, CaravanApiError):
            asked = retry_after(error.headers)
            if asked is not None:
                return asked if asked <= MAX_RETRY_AFTER else None
        return backoff(attempt, self.retry_base_delay)


CaravanError_ = (CaravanApiError, CaravanConnectionError)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def is_retriable(error: Exception) -> bool:
    """Whether another attempt of the same call may succeed. Creating calls carry an idempotency key."""
    if isinstance(error, CaravanConnectionError):
        return True
    if not isinstance(error, CaravanApiError):
        return False
    # A retry that overtakes the first attempt (still running server-side after a timeout) sees this.
    if error.code == "CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS":
        return True
    return error.status == 429 or error.status >= 500


def retry_after(headers: Mapping[str, str], now: Optional[float] = None) -> Optional[float]:
    """Seconds the server asked to wait (``Retry-After``: seconds or an HTTP date), if it did."""
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        at = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, at - (time.time() if now is None else now))


def backoff(attempt: int, base: float, cap: float = 8.0) -> float:
    """Exponential backoff with full jitter: up to base·2^attempt, capped."""
    return random.random() * min(cap, base * float(2**attempt))


def _parse(text: bytes) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text.decode(errors="replace")


def _query_string(query: Optional[Mapping[str, Any]]) -> str:
    if not query:
        return ""
    pairs = []
    for name, value in query.items():
        if value is None:
            continue
        for v in value if isinstance(value, (list, tuple)) else [value]:
            pairs.append((name, "true" if v is True else "false" if v is False else str(v)))
    return f"?{urlencode(pairs)}" if pairs else ""


def _with_ingest_keys(kind: str, body: Any, key: str) -> "tuple[Any, List[bool]]":
    """Ingest has no Idempotency-Key header: its own ``idempotencyKey`` makes a retried send map to the same
    event. Events without one get a key derived from the call's key, fixed before the first attempt."""
    if kind == "event":
        if body.get("idempotencyKey") is not None:
            return body, [False]
        return {**body, "idempotencyKey": key}, [True]
    keyed = [e.get("idempotencyKey") is None for e in body["events"]]
    events = [
        {**e, "idempotencyKey": f"{key}-{i}"} if keyed[i] else e for i, e in enumerate(body["events"])
    ]
    return {**body, "events": events}, keyed


def _own_duplicates_as_new(kind: str, result: Any, keyed: List[bool]) -> Any:
    if kind == "event":
        return {**result, "duplicate": False}
    data = [
        {**r, "duplicate": False} if i < len(keyed) and keyed[i] else r for i, r in enumerate(result["data"])
    ]
    return {**result, "data": data}
