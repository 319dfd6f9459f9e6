# @generated from openapi/caravan.yaml by scripts/generate-sdk-python.js — do not edit; run `npm run generate`.
"""The resource groups of the Caravan API: one class per tag of the spec, one method per operation."""

from __future__ import annotations

from typing import List, Literal, Optional, cast
from urllib.parse import quote

from ._http import HttpClient, Operation, RequestOptions
from ._pagination import Page
from .types import (
    ApiKey,
    ApiKeyCreated,
    Attempt,
    BulkRetryRequest,
    CreateApiKeyRequest,
    CreateEgressPoolRequest,
    CreateEndpointRequest,
    CreateEventTypeRequest,
    CreatePortalTokenRequest,
    CreateSourceRequest,
    CreateTenantRequest,
    DeadLetter,
    Delivery,
    DeliveryStatus,
    DestinationType,
    DestinationTypeList,
    EgressPool,
    Endpoint,
    EndpointCreated,
    EndpointHealth,
    EndpointId,
    EndpointSecretList,
    Event,
    EventId,
    EventSummary,
    EventType,
    EventTypeName,
    Job,
    OperationalEvent,
    OperationalEventType,
    OwnTenant,
    OwnerId,
    PortalToken,
    RecoverEndpointRequest,
    RotateEndpointSecretRequest,
    RotatedEndpointSecret,
    SendEventBatchRequest,
    SendEventBatchResponse,
    SendEventRequest,
    SendEventResponse,
    Source,
    SourceType,
    SourceTypeList,
    Tenant,
    TenantEgressPool,
    TenantStats,
    UpdateApiKeyRequest,
    UpdateEgressPoolRequest,
    UpdateEndpointRequest,
    UpdateEventTypeRequest,
    UpdateOwnTenantRequest,
    UpdateSourceRequest,
    UpdateTenantRequest,
)


def _path(value: str) -> str:
    return quote(value, safe="")


class TenantsResource:
    """Admin key. The operator creates and manages tenants and their limits."""

    def __init__(self, client: HttpClient) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Page[Tenant]:
        """List tenants. `GET /v1/tenants` (`listTenants`)"""
        answer = self._client.paginate(
            Operation("listTenants", "GET", "/v1/tenants"),
            query={"limit": limit, "cursor": cursor},
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Page[Tenant]", answer)

    def create(
        self,
        body: CreateTenantRequest,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Tenant:
        """Create a tenant. `POST /v1/tenants` (`createTenant`)"""
        answer = self._client.request(
            Operation("createTenant", "POST", "/v1/tenants", idempotency_header=True),
            body,
            options=RequestOptions(idempotency_key, timeout, max_retries),
        )
        return cast("Tenant", answer)

    def get(
        self,
        tenant_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Tenant:
        """Get a tenant. `GET /v1/tenants/{tenantId}` (`getTenant`)"""
        answer = self._client.request(
            Operation("getTenant", "GET", f"/v1/tenants/{_path(tenant_id)}"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Tenant", answer)

    def update(
        self,
        tenant_id: str,
        body: UpdateTenantRequest,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Tenant:
        """Update a tenant. `PATCH /v1/tenants/{tenantId}` (`updateTenant`)"""
        answer = self._client.request(
            Operation("updateTenant", "PATCH", f"/v1/tenants/{_path(tenant_id)}"),
            body,
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Tenant", answer)

    def delete(
        self,
        tenant_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> None:
        """Delete a tenant. `DELETE /v1/tenants/{tenantId}` (`deleteTenant`)"""
        self._client.request(
            Operation("deleteTenant", "DELETE", f"/v1/tenants/{_path(tenant_id)}"),
            options=RequestOptions(None, timeout, max_retries),
        )


class ApiKeysResource:
    """Admin key. Tenant API keys: shown once, stored as a hash, listed by prefix, revocable, expirable."""

    def __init__(self, client: HttpClient) -> None:
        self._client = client

    def list(
        self,
        tenant_id: str,
        *,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Page[ApiKey]:
        """List a tenant's API keys. `GET /v1/tenants/{tenantId}/api-keys` (`listApiKeys`)"""
        answer = self._client.paginate(
            Operation("listApiKeys", "GET", f"/v1/tenants/{_path(tenant_id)}/api-keys"),
            query={"limit": limit, "cursor": cursor},
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Page[ApiKey]", answer)

    def create(
        self,
        tenant_id: str,
        body: Optional[CreateApiKeyRequest] = None,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> ApiKeyCreated:
        """Create a tenant API key. `POST /v1/tenants/{tenantId}/api-keys` (`createApiKey`)"""
        answer = self._client.request(
            Operation("createApiKey", "POST", f"/v1/tenants/{_path(tenant_id)}/api-keys", idempotency_header=True),
            body,
            options=RequestOptions(idempotency_key, timeout, max_retries),
        )
        return cast("ApiKeyCreated", answer)

    def update(
        self,
        tenant_id: str,
        key_id: str,
        body: UpdateApiKeyRequest,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> ApiKey:
        """Rename a key or set its expiry. `PATCH /v1/tenants/{tenantId}/api-keys/{keyId}` (`updateApiKey`)"""
        answer = self._client.request(
            Operation("updateApiKey", "PATCH", f"/v1/tenants/{_path(tenant_id)}/api-keys/{_path(key_id)}"),
            body,
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("ApiKey", answer)

    def revoke(
        self,
        tenant_id: str,
        key_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> None:
        """Revoke a key. `DELETE /v1/tenants/{tenantId}/api-keys/{keyId}` (`revokeApiKey`)"""
        self._client.request(
            Operation("revokeApiKey", "DELETE", f"/v1/tenants/{_path(tenant_id)}/api-keys/{_path(key_id)}"),
            options=RequestOptions(None, timeout, max_retries),
        )


class EgressPoolsResource:
    """Admin key. Sets of outbound addresses with the public IPs receivers allowlist."""

    def __init__(self, client: HttpClient) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Page[EgressPool]:
        """List egress pools. `GET /v1/egress-pools` (`listEgressPools`)"""
        answer = self._client.paginate(
            Operation("listEgressPools", "GET", "/v1/egress-pools"),
            query={"limit": limit, "cursor": cursor},
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Page[EgressPool]", answer)

    def create(
        self,
        body: CreateEgressPoolRequest,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> EgressPool:
        """Create an egress pool. `POST /v1/egress-pools` (`createEgressPool`)"""
        answer = self._client.request(
            Operation("createEgressPool", "POST", "/v1/egress-pools", idempotency_header=True),
            body,
            options=RequestOptions(idempotency_key, timeout, max_retries),
        )
        return cast("EgressPool", answer)

    def get(
        self,
        pool_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> EgressPool:
        """Get an egress pool. `GET /v1/egress-pools/{poolId}` (`getEgressPool`)"""
        answer = self._client.request(
            Operation("getEgressPool", "GET", f"/v1/egress-pools/{_path(pool_id)}"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("EgressPool", answer)

    def update(
        self,
        pool_id: str,
        body: UpdateEgressPoolRequest,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> EgressPool:
        """Update an egress pool. `PATCH /v1/egress-pools/{poolId}` (`updateEgressPool`)"""
        answer = self._client.request(
            Operation("updateEgressPool", "PATCH", f"/v1/egress-pools/{_path(pool_id)}"),
            body,
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("EgressPool", answer)

    def delete(
        self,
        pool_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> None:
        """Delete an egress pool. `DELETE /v1/egress-pools/{poolId}` (`deleteEgressPool`)"""
        self._client.request(
            Operation("deleteEgressPool", "DELETE", f"/v1/egress-pools/{_path(pool_id)}"),
            options=RequestOptions(None, timeout, max_retries),
        )


class TenantResource:
    """Tenant key. The caller's own tenant: limits, usage, API keys, operations URL, default egress pool, allowed pools, portal tokens."""

    def __init__(self, client: HttpClient) -> None:
        self._client = client

    def get(
        self,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> OwnTenant:
        """Get your tenant. `GET /v1/tenant` (`getOwnTenant`)"""
        answer = self._client.request(
            Operation("getOwnTenant", "GET", "/v1/tenant"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("OwnTenant", answer)

    def update(
        self,
        body: UpdateOwnTenantRequest,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> OwnTenant:
        """Update your tenant's settings. `PATCH /v1/tenant` (`updateOwnTenant`)"""
        answer = self._client.request(
            Operation("updateOwnTenant", "PATCH", "/v1/tenant"),
            body,
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("OwnTenant", answer)

    def list_egress_pools(
        self,
        *,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Page[TenantEgressPool]:
        """List the egress pools you may use. `GET /v1/tenant/egress-pools` (`listTenantEgressPools`)"""
        answer = self._client.paginate(
            Operation("listTenantEgressPools", "GET", "/v1/tenant/egress-pools"),
            query={"limit": limit, "cursor": cursor},
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Page[TenantEgressPool]", answer)

    def get_stats(
        self,
        *,
        since: Optional[str] = None,
        until: Optional[str] = None,
        bucket_seconds: Optional[Literal[60, 300, 900, 3600, 86400]] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> TenantStats:
        """Get your tenant's event and delivery counts over time. `GET /v1/tenant/stats` (`getTenantStats`)"""
        answer = self._client.request(
            Operation("getTenantStats", "GET", "/v1/tenant/stats"),
            query={"since": since, "until": until, "bucketSeconds": bucket_seconds},
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("TenantStats", answer)

    def create_portal_token(
        self,
        body: CreatePortalTokenRequest,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> PortalToken:
        """Mint a customer portal token for one owner. `POST /v1/tenant/portal-tokens` (`createPortalToken`)"""
        answer = self._client.request(
            Operation("createPortalToken", "POST", "/v1/tenant/portal-tokens"),
            body,
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("PortalToken", answer)

    def list_api_keys(
        self,
        *,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Page[ApiKey]:
        """List your tenant's API keys. `GET /v1/tenant/api-keys` (`listTenantApiKeys`)"""
        answer = self._client.paginate(
            Operation("listTenantApiKeys", "GET", "/v1/tenant/api-keys"),
            query={"limit": limit, "cursor": cursor},
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Page[ApiKey]", answer)

    def create_api_key(
        self,
        body: Optional[CreateApiKeyRequest] = None,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> ApiKeyCreated:
        """Create an API key for your tenant. `POST /v1/tenant/api-keys` (`createTenantApiKey`)"""
        answer = self._client.request(
            Operation("createTenantApiKey", "POST", "/v1/tenant/api-keys", idempotency_header=True),
            body,
            options=RequestOptions(idempotency_key, timeout, max_retries),
        )
        return cast("ApiKeyCreated", answer)

    def revoke_api_key(
        self,
        key_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> None:
        """Revoke one of your tenant's API keys. `DELETE /v1/tenant/api-keys/{keyId}` (`revokeTenantApiKey`)"""
        self._client.request(
            Operation("revokeTenantApiKey", "DELETE", f"/v1/tenant/api-keys/{_path(key_id)}"),
            options=RequestOptions(None, timeout, max_retries),
        )


class EndpointsResource:
    """Tenant key. Receiver URLs of the tenant's customers, their secrets, health and controls."""

    def __init__(self, client: HttpClient) -> None:
        self._client = client

    def list(
        self,
        *,
        owner_id: Optional[OwnerId] = None,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Page[Endpoint]:
        """List endpoints. `GET /v1/endpoints` (`listEndpoints`)"""
        answer = self._client.paginate(
            Operation("listEndpoints", "GET", "/v1/endpoints"),
            query={"ownerId": owner_id, "limit": limit, "cursor": cursor},
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Page[Endpoint]", answer)

    def create(
        self,
        body: CreateEndpointRequest,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> EndpointCreated:
        """Create an endpoint. `POST /v1/endpoints` (`createEndpoint`)"""
        answer = self._client.request(
            Operation("createEndpoint", "POST", "/v1/endpoints", idempotency_header=True),
            body,
            options=RequestOptions(idempotency_key, timeout, max_retries),
        )
        return cast("EndpointCreated", answer)

    def get(
        self,
        endpoint_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Endpoint:
        """Get an endpoint. `GET /v1/endpoints/{endpointId}` (`getEndpoint`)"""
        answer = self._client.request(
            Operation("getEndpoint", "GET", f"/v1/endpoints/{_path(endpoint_id)}"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Endpoint", answer)

    def update(
        self,
        endpoint_id: str,
        body: UpdateEndpointRequest,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Endpoint:
        """Update an endpoint. `PATCH /v1/endpoints/{endpointId}` (`updateEndpoint`)"""
        answer = self._client.request(
            Operation("updateEndpoint", "PATCH", f"/v1/endpoints/{_path(endpoint_id)}"),
            body,
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Endpoint", answer)

    def delete(
        self,
        endpoint_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> None:
        """Delete an endpoint. `DELETE /v1/endpoints/{endpointId}` (`deleteEndpoint`)"""
        self._client.request(
            Operation("deleteEndpoint", "DELETE", f"/v1/endpoints/{_path(endpoint_id)}"),
            options=RequestOptions(None, timeout, max_retries),
        )

    def list_secrets(
        self,
        endpoint_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> EndpointSecretList:
        """List an endpoint's live secrets. `GET /v1/endpoints/{endpointId}/secrets` (`listEndpointSecrets`)"""
        answer = self._client.request(
            Operation("listEndpointSecrets", "GET", f"/v1/endpoints/{_path(endpoint_id)}/secrets"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("EndpointSecretList", answer)

    def rotate_secret(
        self,
        endpoint_id: str,
        body: Optional[RotateEndpointSecretRequest] = None,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> RotatedEndpointSecret:
        """Rotate an endpoint's signing secret. `POST /v1/endpoints/{endpointId}/secret/rotate` (`rotateEndpointSecret`)"""
        answer = self._client.request(
            Operation("rotateEndpointSecret", "POST", f"/v1/endpoints/{_path(endpoint_id)}/secret/rotate", idempotency_header=True),
            body,
            options=RequestOptions(idempotency_key, timeout, max_retries),
        )
        return cast("RotatedEndpointSecret", answer)

    def pause(
        self,
        endpoint_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Endpoint:
        """Pause an endpoint. `POST /v1/endpoints/{endpointId}/pause` (`pauseEndpoint`)"""
        answer = self._client.request(
            Operation("pauseEndpoint", "POST", f"/v1/endpoints/{_path(endpoint_id)}/pause"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Endpoint", answer)

    def resume(
        self,
        endpoint_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Endpoint:
        """Resume a paused or disabled endpoint. `POST /v1/endpoints/{endpointId}/resume` (`resumeEndpoint`)"""
        answer = self._client.request(
            Operation("resumeEndpoint", "POST", f"/v1/endpoints/{_path(endpoint_id)}/resume"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Endpoint", answer)

    def recover(
        self,
        endpoint_id: str,
        body: RecoverEndpointRequest,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Job:
        """Resend an endpoint's failed deliveries since a time. `POST /v1/endpoints/{endpointId}/recover` (`recoverEndpoint`)"""
        answer = self._client.request(
            Operation("recoverEndpoint", "POST", f"/v1/endpoints/{_path(endpoint_id)}/recover", idempotency_header=True),
            body,
            options=RequestOptions(idempotency_key, timeout, max_retries),
        )
        return cast("Job", answer)

    def get_health(
        self,
        endpoint_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> EndpointHealth:
        """Get an endpoint's health. `GET /v1/endpoints/{endpointId}/health` (`getEndpointHealth`)"""
        answer = self._client.request(
            Operation("getEndpointHealth", "GET", f"/v1/endpoints/{_path(endpoint_id)}/health"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("EndpointHealth", answer)


class EventTypesResource:
    """Tenant key. Named event types with an optional JSON Schema that ingest enforces."""

    def __init__(self, client: HttpClient) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Page[EventType]:
        """List event types. `GET /v1/event-types` (`listEventTypes`)"""
        answer = self._client.paginate(
            Operation("listEventTypes", "GET", "/v1/event-types"),
            query={"limit": limit, "cursor": cursor},
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Page[EventType]", answer)

    def create(
        self,
        body: CreateEventTypeRequest,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> EventType:
        """Create an event type. `POST /v1/event-types` (`createEventType`)"""
        answer = self._client.request(
            Operation("createEventType", "POST", "/v1/event-types", idempotency_header=True),
            body,
            options=RequestOptions(idempotency_key, timeout, max_retries),
        )
        return cast("EventType", answer)

    def get(
        self,
        event_type_name: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> EventType:
        """Get an event type. `GET /v1/event-types/{eventTypeName}` (`getEventType`)"""
        answer = self._client.request(
            Operation("getEventType", "GET", f"/v1/event-types/{_path(event_type_name)}"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("EventType", answer)

    def update(
        self,
        event_type_name: str,
        body: UpdateEventTypeRequest,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> EventType:
        """Update an event type. `PATCH /v1/event-types/{eventTypeName}` (`updateEventType`)"""
        answer = self._client.request(
            Operation("updateEventType", "PATCH", f"/v1/event-types/{_path(event_type_name)}"),
            body,
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("EventType", answer)

    def delete(
        self,
        event_type_name: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> None:
        """Delete an event type. `DELETE /v1/event-types/{eventTypeName}` (`deleteEventType`)"""
        self._client.request(
            Operation("deleteEventType", "DELETE", f"/v1/event-types/{_path(event_type_name)}"),
            options=RequestOptions(None, timeout, max_retries),
        )


class EventsResource:
    """Tenant key. Ingest (single and batch), inspect and replay events."""

    def __init__(self, client: HttpClient) -> None:
        self._client = client

    def list(
        self,
        *,
        event_type: Optional[EventTypeName] = None,
        owner_id: Optional[OwnerId] = None,
        since: Optional[str] = None,
        until: Optional[str] = None,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Page[EventSummary]:
        """List events. `GET /v1/events` (`listEvents`)"""
        answer = self._client.paginate(
            Operation("listEvents", "GET", "/v1/events"),
            query={"eventType": event_type, "ownerId": owner_id, "since": since, "until": until, "limit": limit, "cursor": cursor},
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Page[EventSummary]", answer)

    def send(
        self,
        body: SendEventRequest,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> SendEventResponse:
        """Send an event. `POST /v1/events` (`sendEvent`)"""
        answer = self._client.request(
            Operation("sendEvent", "POST", "/v1/events", body_key="event"),
            body,
            options=RequestOptions(idempotency_key, timeout, max_retries),
        )
        return cast("SendEventResponse", answer)

    def send_batch(
        self,
        body: SendEventBatchRequest,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> SendEventBatchResponse:
        """Send up to 500 events. `POST /v1/events/batch` (`sendEventBatch`)"""
        answer = self._client.request(
            Operation("sendEventBatch", "POST", "/v1/events/batch", body_key="batch"),
            body,
            options=RequestOptions(idempotency_key, timeout, max_retries),
        )
        return cast("SendEventBatchResponse", answer)

    def get(
        self,
        event_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Event:
        """Get an event with its deliveries. `GET /v1/events/{eventId}` (`getEvent`)"""
        answer = self._client.request(
            Operation("getEvent", "GET", f"/v1/events/{_path(event_id)}"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Event", answer)

    def replay(
        self,
        event_id: str,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Job:
        """Replay an event. `POST /v1/events/{eventId}/replay` (`replayEvent`)"""
        answer = self._client.request(
            Operation("replayEvent", "POST", f"/v1/events/{_path(event_id)}/replay", idempotency_header=True),
            options=RequestOptions(idempotency_key, timeout, max_retries),
        )
        return cast("Job", answer)


class DeliveriesResource:
    """Tenant key. Deliveries (one per event and endpoint), their attempts, and retries."""

    def __init__(self, client: HttpClient) -> None:
        self._client = client

    def list(
        self,
        *,
        status: Optional[List[DeliveryStatus]] = None,
        endpoint_id: Optional[EndpointId] = None,
        owner_id: Optional[OwnerId] = None,
        event_id: Optional[EventId] = None,
        since: Optional[str] = None,
        until: Optional[str] = None,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Page[Delivery]:
        """List deliveries. `GET /v1/deliveries` (`listDeliveries`)"""
        answer = self._client.paginate(
            Operation("listDeliveries", "GET", "/v1/deliveries"),
            query={"status": status, "endpointId": endpoint_id, "ownerId": owner_id, "eventId": event_id, "since": since, "until": until, "limit": limit, "cursor": cursor},
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Page[Delivery]", answer)

    def bulk_retry(
        self,
        body: BulkRetryRequest,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Job:
        """Retry every delivery that matches a filter. `POST /v1/deliveries/bulk-retry` (`bulkRetryDeliveries`)"""
        answer = self._client.request(
            Operation("bulkRetryDeliveries", "POST", "/v1/deliveries/bulk-retry", idempotency_header=True),
            body,
            options=RequestOptions(idempotency_key, timeout, max_retries),
        )
        return cast("Job", answer)

    def get(
        self,
        delivery_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Delivery:
        """Get a delivery. `GET /v1/deliveries/{deliveryId}` (`getDelivery`)"""
        answer = self._client.request(
            Operation("getDelivery", "GET", f"/v1/deliveries/{_path(delivery_id)}"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Delivery", answer)

    def list_attempts(
        self,
        delivery_id: str,
        *,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Page[Attempt]:
        """List a delivery's attempts. `GET /v1/deliveries/{deliveryId}/attempts` (`listDeliveryAttempts`)"""
        answer = self._client.paginate(
            Operation("listDeliveryAttempts", "GET", f"/v1/deliveries/{_path(delivery_id)}/attempts"),
            query={"limit": limit, "cursor": cursor},
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Page[Attempt]", answer)

    def retry(
        self,
        delivery_id: str,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Delivery:
        """Retry a delivery now. `POST /v1/deliveries/{deliveryId}/retry` (`retryDelivery`)"""
        answer = self._client.request(
            Operation("retryDelivery", "POST", f"/v1/deliveries/{_path(delivery_id)}/retry", idempotency_header=True),
            options=RequestOptions(idempotency_key, timeout, max_retries),
        )
        return cast("Delivery", answer)


class JobsResource:
    """Tenant key. Progress of background work (bulk retry, recover, replay)."""

    def __init__(self, client: HttpClient) -> None:
        self._client = client

    def get(
        self,
        job_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Job:
        """Get a job's progress. `GET /v1/jobs/{jobId}` (`getJob`)"""
        answer = self._client.request(
            Operation("getJob", "GET", f"/v1/jobs/{_path(job_id)}"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Job", answer)


class SourcesResource:
    """Tenant key. Broker subscriptions Caravan pulls events from, and their dead letters."""

    def __init__(self, client: HttpClient) -> None:
        self._client = client

    def list(
        self,
        *,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Page[Source]:
        """List sources. `GET /v1/sources` (`listSources`)"""
        answer = self._client.paginate(
            Operation("listSources", "GET", "/v1/sources"),
            query={"limit": limit, "cursor": cursor},
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Page[Source]", answer)

    def create(
        self,
        body: CreateSourceRequest,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Source:
        """Create a source. `POST /v1/sources` (`createSource`)"""
        answer = self._client.request(
            Operation("createSource", "POST", "/v1/sources", idempotency_header=True),
            body,
            options=RequestOptions(idempotency_key, timeout, max_retries),
        )
        return cast("Source", answer)

    def get(
        self,
        source_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Source:
        """Get a source with its status. `GET /v1/sources/{sourceId}` (`getSource`)"""
        answer = self._client.request(
            Operation("getSource", "GET", f"/v1/sources/{_path(source_id)}"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Source", answer)

    def update(
        self,
        source_id: str,
        body: UpdateSourceRequest,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Source:
        """Update a source. `PATCH /v1/sources/{sourceId}` (`updateSource`)"""
        answer = self._client.request(
            Operation("updateSource", "PATCH", f"/v1/sources/{_path(source_id)}"),
            body,
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Source", answer)

    def delete(
        self,
        source_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> None:
        """Delete a source. `DELETE /v1/sources/{sourceId}` (`deleteSource`)"""
        self._client.request(
            Operation("deleteSource", "DELETE", f"/v1/sources/{_path(source_id)}"),
            options=RequestOptions(None, timeout, max_retries),
        )

    def pause(
        self,
        source_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Source:
        """Pause a source. `POST /v1/sources/{sourceId}/pause` (`pauseSource`)"""
        answer = self._client.request(
            Operation("pauseSource", "POST", f"/v1/sources/{_path(source_id)}/pause"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Source", answer)

    def resume(
        self,
        source_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Source:
        """Resume a source. `POST /v1/sources/{sourceId}/resume` (`resumeSource`)"""
        answer = self._client.request(
            Operation("resumeSource", "POST", f"/v1/sources/{_path(source_id)}/resume"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Source", answer)

    def list_dead_letters(
        self,
        source_id: str,
        *,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Page[DeadLetter]:
        """List a source's dead letters. `GET /v1/sources/{sourceId}/dead-letters` (`listDeadLetters`)"""
        answer = self._client.paginate(
            Operation("listDeadLetters", "GET", f"/v1/sources/{_path(source_id)}/dead-letters"),
            query={"limit": limit, "cursor": cursor},
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Page[DeadLetter]", answer)

    def replay_dead_letter(
        self,
        source_id: str,
        dead_letter_id: str,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> SendEventResponse:
        """Replay a dead letter. `POST /v1/sources/{sourceId}/dead-letters/{deadLetterId}/replay` (`replayDeadLetter`)"""
        answer = self._client.request(
            Operation("replayDeadLetter", "POST", f"/v1/sources/{_path(source_id)}/dead-letters/{_path(dead_letter_id)}/replay", idempotency_header=True),
            options=RequestOptions(idempotency_key, timeout, max_retries),
        )
        return cast("SendEventResponse", answer)


class SourceTypesResource:
    """Tenant key. Installed source plugins and the schemas of their configuration."""

    def __init__(self, client: HttpClient) -> None:
        self._client = client

    def list(
        self,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> SourceTypeList:
        """List installed source plugins. `GET /v1/source-types` (`listSourceTypes`)"""
        answer = self._client.request(
            Operation("listSourceTypes", "GET", "/v1/source-types"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("SourceTypeList", answer)

    def get(
        self,
        source_type_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> SourceType:
        """Get an installed source plugin. `GET /v1/source-types/{sourceTypeId}` (`getSourceType`)"""
        answer = self._client.request(
            Operation("getSourceType", "GET", f"/v1/source-types/{_path(source_type_id)}"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("SourceType", answer)


class DestinationTypesResource:
    """Tenant key. Installed destination plugins (brokers an endpoint can deliver into instead of HTTP)"""

    def __init__(self, client: HttpClient) -> None:
        self._client = client

    def list(
        self,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> DestinationTypeList:
        """List installed destination plugins. `GET /v1/destination-types` (`listDestinationTypes`)"""
        answer = self._client.request(
            Operation("listDestinationTypes", "GET", "/v1/destination-types"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("DestinationTypeList", answer)

    def get(
        self,
        destination_type_id: str,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> DestinationType:
        """Get an installed destination plugin. `GET /v1/destination-types/{destinationTypeId}` (`getDestinationType`)"""
        answer = self._client.request(
            Operation("getDestinationType", "GET", f"/v1/destination-types/{_path(destination_type_id)}"),
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("DestinationType", answer)


class OperationalEventsResource:
    """Tenant key. Events about the tenant's endpoints (`endpoint.disabled`, `endpoint.recovered`,"""

    def __init__(self, client: HttpClient) -> None:
        self._client = client

    def list(
        self,
        *,
        type: Optional[OperationalEventType] = None,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
    ) -> Page[OperationalEvent]:
        """List operational events. `GET /v1/operational-events` (`listOperationalEvents`)"""
        answer = self._client.paginate(
            Operation("listOperationalEvents", "GET", "/v1/operational-events"),
            query={"type": type, "limit": limit, "cursor": cursor},
            options=RequestOptions(None, timeout, max_retries),
        )
        return cast("Page[OperationalEvent]", answer)


class Resources:
    """Every resource group of the API, one attribute per tag of the spec."""

    def __init__(self, client: HttpClient) -> None:
        self.tenants = TenantsResource(client)
        self.api_keys = ApiKeysResource(client)
        self.egress_pools = EgressPoolsResource(client)
        self.tenant = TenantResource(client)
        self.endpoints = EndpointsResource(client)
        self.event_types = EventTypesResource(client)
        self.events = EventsResource(client)
        self.deliveries = DeliveriesResource(client)
        self.jobs = JobsResource(client)
        self.sources = SourcesResource(client)
        self.source_types = SourceTypesResource(client)
        self.destination_types = DestinationTypesResource(client)
        self.operational_events = OperationalEventsResource(client)


OPERATION_METHODS = {
    "listTenants": ("tenants", "list"),
    "createTenant": ("tenants", "create"),
    "getTenant": ("tenants", "get"),
    "updateTenant": ("tenants", "update"),
    "deleteTenant": ("tenants", "delete"),
    "listApiKeys": ("api_keys", "list"),
    "createApiKey": ("api_keys", "create"),
    "updateApiKey": ("api_keys", "update"),
    "revokeApiKey": ("api_keys", "revoke"),
    "listEgressPools": ("egress_pools", "list"),
    "createEgressPool": ("egress_pools", "create"),
    "getEgressPool": ("egress_pools", "get"),
    "updateEgressPool": ("egress_pools", "update"),
    "deleteEgressPool": ("egress_pools", "delete"),
    "getOwnTenant": ("tenant", "get"),
    "updateOwnTenant": ("tenant", "update"),
    "listTenantEgressPools": ("tenant", "list_egress_pools"),
    "getTenantStats": ("tenant", "get_stats"),
    "createPortalToken": ("tenant", "create_portal_token"),
    "listTenantApiKeys": ("tenant", "list_api_keys"),
    "createTenantApiKey": ("tenant", "create_api_key"),
    "revokeTenantApiKey": ("tenant", "revoke_api_key"),
    "listEndpoints": ("endpoints", "list"),
    "createEndpoint": ("endpoints", "create"),
    "getEndpoint": ("endpoints", "get"),
    "updateEndpoint": ("endpoints", "update"),
    "deleteEndpoint": ("endpoints", "delete"),
    "listEndpointSecrets": ("endpoints", "list_secrets"),
    "rotateEndpointSecret": ("endpoints", "rotate_secret"),
    "pauseEndpoint": ("endpoints", "pause"),
    "resumeEndpoint": ("endpoints", "resume"),
    "recoverEndpoint": ("endpoints", "recover"),
    "getEndpointHealth": ("endpoints", "get_health"),
    "listEventTypes": ("event_types", "list"),
    "createEventType": ("event_types", "create"),
    "getEventType": ("event_types", "get"),
    "updateEventType": ("event_types", "update"),
    "deleteEventType": ("event_types", "delete"),
    "listEvents": ("events", "list"),
    "sendEvent": ("events", "send"),
    "sendEventBatch": ("events", "send_batch"),
    "getEvent": ("events", "get"),
    "replayEvent": ("events", "replay"),
    "listDeliveries": ("deliveries", "list"),
    "bulkRetryDeliveries": ("deliveries", "bulk_retry"),
    "getDelivery": ("deliveries", "get"),
    "listDeliveryAttempts": ("deliveries", "list_attempts"),
    "retryDelivery": ("deliveries", "retry"),
    "getJob": ("jobs", "get"),
    "listSources": ("sources", "list"),
    "createSource": ("sources", "create"),
    "getSource": ("sources", "get"),
    "updateSource": ("sources", "update"),
    "deleteSource": ("sources", "delete"),
    "pauseSource": ("sources", "pause"),
    "resumeSource": ("sources", "resume"),
    "listDeadLetters": ("sources", "list_dead_letters"),
    "replayDeadLetter": ("sources", "replay_dead_letter"),
    "listSourceTypes": ("source_types", "list"),
    "getSourceType": ("source_types", "get"),
    "listDestinationTypes": ("destination_types", "list"),
    "getDestinationType": ("destination_types", "get"),
    "listOperationalEvents": ("operational_events", "list"),
}
"""operationId → (resource group, method): where each operation of the spec lives on a `Caravan`."""
