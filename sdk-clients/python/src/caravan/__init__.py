"""The Python client of the Caravan API, and a ``Webhook`` helper that verifies the webhooks Caravan
delivers (Standard Webhooks)."""

from ._client import Caravan
from ._errors import CaravanApiError, CaravanConnectionError, CaravanError, CaravanTimeoutError
from ._pagination import Page
from ._resources import OPERATION_METHODS
from .webhooks import Webhook, WebhookVerificationError

__all__ = [
    "OPERATION_METHODS",
    "Caravan",
    "CaravanApiError",
    "CaravanConnectionError",
    "CaravanError",
    "CaravanTimeoutError",
    "Page",
    "Webhook",
    "WebhookVerificationError",
]
