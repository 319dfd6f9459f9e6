"""The errors the client raises: one base class, the API's stable ``code`` on every API error."""

from __future__ import annotations

from typing import Any, List, Mapping, Optional

from .types import FieldError


class CaravanError(Exception):
    """Base class of every error the client raises."""


class CaravanApiError(CaravanError):
    """Caravan answered with an error status; ``code`` and ``errors`` come from its problem details
    (RFC 9457 with ``code`` and ``errors[]``)."""

    status: int
    #: The stable machine code (``CARAVAN_…``), or ``CARAVAN_UNEXPECTED_RESPONSE`` for a non-problem answer.
    code: str
    title: str
    detail: Optional[str]
    #: Every invalid field, as JSON Pointers (``/body/url``), for validation problems.
    errors: List[FieldError]
    #: Id of the request in Caravan's logs.
    request_id: Optional[str]
    #: The answer's body (parsed JSON when it was JSON) and headers (``Retry-After``, …).
    body: Any
    headers: Mapping[str, str]

    def __init__(self, status: int, body: Any, headers: Mapping[str, str]) -> None:
        problem = body if isinstance(body, dict) and isinstance(body.get("code"), str) else {}
        self.status = status
        self.code = problem.get("code", "CARAVAN_UNEXPECTED_RESPONSE")
        self.title = problem.get("title") or f"HTTP {status}"
        self.detail = problem.get("detail")
        self.errors = list(problem.get("errors") or [])
        self.request_id = problem.get("requestId")
        self.body = body
        self.headers = headers
        super().__init__(f"{status} {self.code}: {self.detail or self.title}")


class CaravanConnectionError(CaravanError):
    """The request got no answer (connection refused or reset, DNS failure, …)."""


class CaravanTimeoutError(CaravanConnectionError):
    """An attempt took longer than the client's ``timeout``."""
