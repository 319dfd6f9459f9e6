# @generated from openapi/caravan.yaml by scripts/generate-sdk-python.js — do not edit; run `npm run generate`.
"""Request and response types of the Caravan API: one TypedDict or alias per schema of the spec."""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional, Required, TypedDict, Union

ErrorCode = Literal["CARAVAN_VALIDATION_FAILED", "CARAVAN_MALFORMED_JSON", "CARAVAN_PAYLOAD_SCHEMA_MISMATCH", "CARAVAN_URL_NOT_ALLOWED", "CARAVAN_UNAUTHORIZED", "CARAVAN_FORBIDDEN", "CARAVAN_METHOD_NOT_ALLOWED", "CARAVAN_NOT_FOUND", "CARAVAN_TENANT_NOT_FOUND", "CARAVAN_API_KEY_NOT_FOUND", "CARAVAN_ENDPOINT_NOT_FOUND", "CARAVAN_EVENT_TYPE_NOT_FOUND", "CARAVAN_EVENT_NOT_FOUND", "CARAVAN_DELIVERY_NOT_FOUND", "CARAVAN_JOB_NOT_FOUND", "CARAVAN_SOURCE_NOT_FOUND", "CARAVAN_DEAD_LETTER_NOT_FOUND", "CARAVAN_SOURCE_TYPE_NOT_FOUND", "CARAVAN_DESTINATION_TYPE_NOT_FOUND", "CARAVAN_EGRESS_POOL_NOT_FOUND", "CARAVAN_CONFLICT", "CARAVAN_EVENT_TYPE_EXISTS", "CARAVAN_IDEMPOTENCY_KEY_REUSED", "CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS", "CARAVAN_ENDPOINT_LIMIT_REACHED", "CARAVAN_TOO_MANY_SECRETS", "CARAVAN_EGRESS_POOL_IN_USE", "CARAVAN_PAYLOAD_TOO_LARGE", "CARAVAN_UNSUPPORTED_MEDIA_TYPE", "CARAVAN_RATE_LIMITED", "CARAVAN_INGEST_RATE_LIMITED", "CARAVAN_INTERNAL", "CARAVAN_LOG_UNAVAILABLE", "CARAVAN_UNAVAILABLE"]
"""Stable machine-readable error code. The HTTP status is fixed per code:"""


class FieldError(TypedDict, total=False):
    """FieldError"""

    field: Required[str]
    """JSON Pointer (RFC 6901) to the offending value, prefixed with where it was sent: `/body/...`, `/query/...`, `/path/...` or `/header/...` (header names lower-case). Examples: `/body/eventType`, `/body/events/3/eventType`, `/body/payload/amount`, `/query/limit`, `/path/endpointId`, `/header/idempotency-key`. For a JSON Schema mismatch of an event payload the pointer goes into the payload (`/body/payload/customer/email`)."""
    message: Required[str]
    """What is wrong with the value, in English."""


class Problem(TypedDict, total=False):
    """RFC 9457 problem details, served as `application/problem+json`."""

    type: Required[str]
    """URI naming the problem kind: `urn:caravan:problem:` followed by the code without the `CARAVAN_` prefix, lower-case, `_` replaced by `-` (`CARAVAN_VALIDATION_FAILED` → `urn:caravan:problem:validation-failed`)."""
    title: Required[str]
    """Short summary of the problem kind; the same for every occurrence of a code."""
    status: Required[int]
    """The HTTP status, repeated."""
    detail: str
    """Explanation specific to this occurrence."""
    instance: str
    """The request path this problem is about."""
    code: Required[ErrorCode]
    """Stable machine-readable error code. The HTTP status is fixed per code:"""
    errors: List[FieldError]
    """Every invalid field found (up to 100), for validation-type problems."""
    requestId: str
    """Id of the request in Caravan's logs; quote it when reporting a problem."""


TenantId = str
"""Tenant id (`tnt_` + ULID)."""


ApiKeyId = str
"""API key id (`key_` + ULID)."""


EndpointId = str
"""Endpoint id (`ep_` + ULID)."""


SecretId = str
"""Endpoint secret id (`sec_` + ULID)."""


EventId = str
"""Event id (`evt_` + ULID). It is also the `webhook-id` header of every request that delivers the event."""


DeliveryId = str
"""Delivery id (`dlv_` + ULID)."""


AttemptId = str
"""Attempt id (`att_` + ULID)."""


JobId = str
"""Job id (`job_` + ULID)."""


SourceId = str
"""Source id (`src_` + ULID)."""


DeadLetterId = str
"""Dead letter id (`dl_` + ULID)."""


EgressPoolId = str
"""Egress pool id (`pool_` + ULID)."""


OperationalEventId = str
"""Operational event id (`oev_` + ULID)."""


SourceTypeId = str
"""Source plugin id, `<vendor>-<product>` (e.g. `gcp-pubsub`, `aws-sqs`, `kafka`)."""


DestinationTypeId = str
"""`http` (the built-in HTTP POST) or a destination plugin id, `<vendor>-<product>` (e.g. `aws-sqs`, `gcp-pubsub`, `kafka`, `rabbitmq`)."""


EventTypeName = str
"""Event type name: dot-separated segments of letters, digits, `_` and `-` (e.g. `invoice.paid`)."""


EventTypePattern = str
"""An event type name in which a segment may be `*`, matching exactly one segment (`invoice.*` matches `invoice.paid`, not `invoice.line.created`). The pattern `*` alone matches every event type."""


OwnerId = str
"""The tenant's own identifier for one of its customers; groups that customer's endpoints so an event can target all of them."""


NullableOwnerId = Optional["OwnerId"]
"""`ownerId`, or `null` when not set."""


Name = str
"""Human-readable name."""


Description = str
"""Free text."""


Timestamp = str
"""RFC 3339 date-time in UTC."""


NullableTimestamp = Optional["Timestamp"]
"""RFC 3339 date-time in UTC, or `null`."""


NextCursor = Optional[str]
"""Cursor for the next page, or `null` on the last page."""


HttpsUrl = str
"""An absolute `http` or `https` URL."""


EndpointUrl = str
"""Where deliveries go: the receiver's `http(s)` URL, or, for a broker destination, the plugin id as the scheme and the broker's first host (`aws-sqs://sqs.eu-west-1.amazonaws.com:443`)."""


IpAddress = str
"""An IPv4 or IPv6 address."""


CustomHeaders = Dict[str, str]
"""Extra HTTP headers to send with each delivery request, name → value. Names must be HTTP field names (RFC 9110 `token`) of at most 64 characters and may not be one Caravan sets itself (`content-type`, `content-length`, `host`, `user-agent`, `webhook-id`, `webhook-timestamp`, `webhook-signature`, or any `webhook-*` or `caravan-*` name); these are checked by the server and named in `errors[]` (e.g. `/body/headers/Host`)."""


class TenantLimits(TypedDict, total=False):
    """Limits the operator sets for a tenant."""

    ingestPerSecond: Required[int]
    """Events the tenant may ingest per second (REST and sources together)."""
    deliveriesPerSecond: Required[int]
    """Delivery attempts per second across all the tenant's endpoints."""
    maxEndpoints: Required[int]
    """Endpoints the tenant may have at once."""
    maxPayloadBytes: Required[int]
    """Largest event payload accepted, in bytes of the payload JSON as sent."""
    eventShards: Required[int]
    """Shards of the internal `events` topic the tenant's events are spread over (default 2). A tenant's backlog sits in at most this many partitions, so other tenants' events do not wait behind it; raise it for a tenant whose volume needs more routers in parallel."""


class TenantLimitsPatch(TypedDict, total=False):
    """Limits to change; omitted limits keep their value (on create, the installation default)."""

    ingestPerSecond: int
    deliveriesPerSecond: int
    maxEndpoints: int
    maxPayloadBytes: int
    eventShards: int


NullableEgressPoolId = Optional["EgressPoolId"]
"""Egress pool id, or `null` for none."""


NullableHttpsUrl = Optional["HttpsUrl"]
"""An absolute `http` or `https` URL, or `null`."""


SigningSecret = str
"""Signing secret. HMAC secrets are `whsec_` + base64 of 24–64 random bytes; Ed25519 private keys are `whsk_` + base64 (Standard Webhooks naming)."""


HmacSecret = str
"""HMAC-SHA256 secret, `whsec_` + base64 of 24–64 random bytes."""


class Tenant(TypedDict, total=False):
    """A tenant as the operator sees it."""

    id: Required[TenantId]
    """Tenant id (`tnt_` + ULID)."""
    name: Required[Name]
    """Human-readable name."""
    limits: Required[TenantLimits]
    """Limits the operator sets for a tenant."""
    operationsUrl: Required[NullableHttpsUrl]
    """An absolute `http` or `https` URL, or `null`."""
    hasOperationsSecret: Required[bool]
    """Whether an operations signing secret is set (the secret itself is never returned)."""
    defaultEgressPoolId: Required[NullableEgressPoolId]
    """Egress pool id, or `null` for none."""
    requireRegisteredEventTypes: Required[bool]
    """Whether ingest refuses an event whose type is not registered under `/v1/event-types` (`400 CARAVAN_VALIDATION_FAILED` naming `/body/eventType`, or `/body/events/{i}/eventType` in a batch; a source dead-letters the message). Off by default: any type is accepted."""
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    updatedAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""


class TenantUsage(TypedDict, total=False):
    """TenantUsage"""

    endpoints: Required[int]
    """Endpoints the tenant has now (counts against `limits.maxEndpoints`)."""
    eventsIngestedLast24h: Required[int]
    """Events accepted in the last 24 hours (approximate, refreshed every minute)."""


class OwnTenant(TypedDict, total=False):
    """The caller's own tenant, with usage."""

    id: Required[TenantId]
    """Tenant id (`tnt_` + ULID)."""
    name: Required[Name]
    """Human-readable name."""
    limits: Required[TenantLimits]
    """Limits the operator sets for a tenant."""
    operationsUrl: Required[NullableHttpsUrl]
    """An absolute `http` or `https` URL, or `null`."""
    hasOperationsSecret: Required[bool]
    """Whether an operations signing secret is set (the secret itself is never returned)."""
    defaultEgressPoolId: Required[NullableEgressPoolId]
    """Egress pool id, or `null` for none."""
    requireRegisteredEventTypes: Required[bool]
    """Whether ingest refuses an event whose type is not registered under `/v1/event-types` (`400 CARAVAN_VALIDATION_FAILED` naming `/body/eventType`, or `/body/events/{i}/eventType` in a batch; a source dead-letters the message). Off by default: any type is accepted."""
    usage: Required[TenantUsage]
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    updatedAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""


class CreateTenantRequest(TypedDict, total=False):
    """CreateTenantRequest"""

    name: Required[Name]
    """Human-readable name."""
    limits: TenantLimitsPatch
    """Limits to change; omitted limits keep their value (on create, the installation default)."""
    defaultEgressPoolId: NullableEgressPoolId
    """Egress pool id, or `null` for none."""
    requireRegisteredEventTypes: bool
    """When true, ingest refuses an event whose type is not registered under `/v1/event-types` (`400 CARAVAN_VALIDATION_FAILED` naming `/body/eventType`, or `/body/events/{i}/eventType` in a batch; a source dead-letters the message). Default false: any type is accepted."""


class UpdateTenantRequest(TypedDict, total=False):
    """Fields to change; omitted fields keep their value."""

    name: Name
    """Human-readable name."""
    limits: TenantLimitsPatch
    """Limits to change; omitted limits keep their value (on create, the installation default)."""
    defaultEgressPoolId: NullableEgressPoolId
    """Egress pool id, or `null` for none."""
    requireRegisteredEventTypes: bool
    """When true, ingest refuses an event whose type is not registered under `/v1/event-types` (`400 CARAVAN_VALIDATION_FAILED` naming `/body/eventType`, or `/body/events/{i}/eventType` in a batch; a source dead-letters the message). Default false: any type is accepted."""


class UpdateOwnTenantRequest(TypedDict, total=False):
    """Fields to change; omitted fields keep their value. Limits are set by the operator and cannot be changed here."""

    operationsUrl: NullableHttpsUrl
    """An absolute `http` or `https` URL, or `null`."""
    operationsSecret: HmacSecret
    """HMAC-SHA256 secret, `whsec_` + base64 of 24–64 random bytes."""
    defaultEgressPoolId: NullableEgressPoolId
    """Egress pool id, or `null` for none."""
    requireRegisteredEventTypes: bool
    """When true, ingest refuses an event whose type is not registered under `/v1/event-types` (`400 CARAVAN_VALIDATION_FAILED` naming `/body/eventType`, or `/body/events/{i}/eventType` in a batch; a source dead-letters the message). Default false: any type is accepted."""


class TenantList(TypedDict, total=False):
    """TenantList"""

    data: Required[List[Tenant]]
    nextCursor: Required[NextCursor]
    """Cursor for the next page, or `null` on the last page."""


ApiKeyPrefix = str
"""The first characters of the key, enough to recognise it (`ck_live_` + 6 characters)."""


NullableName = Optional["Name"]
"""Human-readable name, or `null`."""


class ApiKey(TypedDict, total=False):
    """A tenant API key. The key itself is only returned once, by `createApiKey`."""

    id: Required[ApiKeyId]
    """API key id (`key_` + ULID)."""
    name: Required[NullableName]
    """Human-readable name, or `null`."""
    prefix: Required[ApiKeyPrefix]
    """The first characters of the key, enough to recognise it (`ck_live_` + 6 characters)."""
    expiresAt: Required[NullableTimestamp]
    """RFC 3339 date-time in UTC, or `null`."""
    lastUsedAt: Required[NullableTimestamp]
    """RFC 3339 date-time in UTC, or `null`."""
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""


class ApiKeyCreated(TypedDict, total=False):
    """A new API key, including the key itself. Store it now; it is never shown again."""

    id: Required[ApiKeyId]
    """API key id (`key_` + ULID)."""
    name: Required[NullableName]
    """Human-readable name, or `null`."""
    prefix: Required[ApiKeyPrefix]
    """The first characters of the key, enough to recognise it (`ck_live_` + 6 characters)."""
    key: Required[str]
    """The bearer key. Caravan stores only its hash."""
    expiresAt: Required[NullableTimestamp]
    """RFC 3339 date-time in UTC, or `null`."""
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""


class CreateApiKeyRequest(TypedDict, total=False):
    """CreateApiKeyRequest"""

    name: NullableName
    """Human-readable name, or `null`."""
    expiresAt: NullableTimestamp
    """RFC 3339 date-time in UTC, or `null`."""


class UpdateApiKeyRequest(TypedDict, total=False):
    """Fields to change; omitted fields keep their value. Set `expiresAt` on the old key to rotate without downtime: the new and the old key both work until then. `expiresAt` must be in the future; `null` removes the expiry."""

    name: NullableName
    """Human-readable name, or `null`."""
    expiresAt: NullableTimestamp
    """RFC 3339 date-time in UTC, or `null`."""


class ApiKeyList(TypedDict, total=False):
    """ApiKeyList"""

    data: Required[List[ApiKey]]
    nextCursor: Required[NextCursor]
    """Cursor for the next page, or `null` on the last page."""


EgressPoolMode = Literal["bind", "proxy"]
"""`bind`: requests leave from local addresses of the Caravan hosts (`addresses` are IPs bound round-robin, with failover on connect errors). `proxy`: requests go through forward proxies (`addresses` are proxy URLs)."""


EgressAddresses = List[str]
"""For `bind`, local IPv4/IPv6 addresses; for `proxy`, proxy URLs (`http://`, `https://`, optionally with credentials). The server checks each entry against the mode and names a bad one (`/body/addresses/1`). Proxy credentials are write-only: responses show them as `***`."""


PublicIps = List["IpAddress"]
"""The public IPs this pool's traffic comes from, for receivers to allowlist."""


TenantIds = List["TenantId"]
"""Tenants allowed to use the pool."""


class EgressPool(TypedDict, total=False):
    """An egress pool as the operator sees it."""

    id: Required[EgressPoolId]
    """Egress pool id (`pool_` + ULID)."""
    name: Required[Name]
    """Human-readable name."""
    mode: Required[EgressPoolMode]
    """`bind`: requests leave from local addresses of the Caravan hosts (`addresses` are IPs bound round-robin, with failover on connect errors). `proxy`: requests go through forward proxies (`addresses` are proxy URLs)."""
    addresses: Required[EgressAddresses]
    """For `bind`, local IPv4/IPv6 addresses; for `proxy`, proxy URLs (`http://`, `https://`, optionally with credentials). The server checks each entry against the mode and names a bad one (`/body/addresses/1`). Proxy credentials are write-only: responses show them as `***`."""
    publicIps: Required[PublicIps]
    """The public IPs this pool's traffic comes from, for receivers to allowlist."""
    allowAllTenants: Required[bool]
    """When `true`, every tenant may use the pool and `allowedTenantIds` is ignored."""
    allowedTenantIds: Required[TenantIds]
    """Tenants allowed to use the pool."""
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    updatedAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""


class CreateEgressPoolRequest(TypedDict, total=False):
    """CreateEgressPoolRequest"""

    name: Required[Name]
    """Human-readable name."""
    mode: Required[EgressPoolMode]
    """`bind`: requests leave from local addresses of the Caravan hosts (`addresses` are IPs bound round-robin, with failover on connect errors). `proxy`: requests go through forward proxies (`addresses` are proxy URLs)."""
    addresses: Required[EgressAddresses]
    """For `bind`, local IPv4/IPv6 addresses; for `proxy`, proxy URLs (`http://`, `https://`, optionally with credentials). The server checks each entry against the mode and names a bad one (`/body/addresses/1`). Proxy credentials are write-only: responses show them as `***`."""
    publicIps: Required[PublicIps]
    """The public IPs this pool's traffic comes from, for receivers to allowlist."""
    allowAllTenants: bool
    allowedTenantIds: TenantIds
    """Tenants allowed to use the pool."""


class UpdateEgressPoolRequest(TypedDict, total=False):
    """Fields to change; omitted fields keep their value. `mode` cannot change. Removing a tenant that still uses the pool (as its default or on an endpoint) answers `409 CARAVAN_EGRESS_POOL_IN_USE`."""

    name: Name
    """Human-readable name."""
    addresses: EgressAddresses
    """For `bind`, local IPv4/IPv6 addresses; for `proxy`, proxy URLs (`http://`, `https://`, optionally with credentials). The server checks each entry against the mode and names a bad one (`/body/addresses/1`). Proxy credentials are write-only: responses show them as `***`."""
    publicIps: PublicIps
    """The public IPs this pool's traffic comes from, for receivers to allowlist."""
    allowAllTenants: bool
    allowedTenantIds: TenantIds
    """Tenants allowed to use the pool."""


class EgressPoolList(TypedDict, total=False):
    """EgressPoolList"""

    data: Required[List[EgressPool]]
    nextCursor: Required[NextCursor]
    """Cursor for the next page, or `null` on the last page."""


class TenantEgressPool(TypedDict, total=False):
    """An egress pool as a tenant sees it."""

    id: Required[EgressPoolId]
    """Egress pool id (`pool_` + ULID)."""
    name: Required[Name]
    """Human-readable name."""
    publicIps: Required[PublicIps]
    """The public IPs this pool's traffic comes from, for receivers to allowlist."""
    isDefault: Required[bool]
    """Whether this is the tenant's `defaultEgressPoolId`."""


class TenantEgressPoolList(TypedDict, total=False):
    """TenantEgressPoolList"""

    data: Required[List[TenantEgressPool]]
    nextCursor: Required[NextCursor]
    """Cursor for the next page, or `null` on the last page."""


class TenantStatsBucket(TypedDict, total=False):
    """TenantStatsBucket"""

    at: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    events: Required[int]
    """Events stored in the bucket."""
    attemptsSucceeded: Required[int]
    """Delivery attempts answered with a 2xx."""
    attemptsFailed: Required[int]
    """Delivery attempts that got another status, a timeout or a connection error."""


class TenantStats(TypedDict, total=False):
    """TenantStats"""

    since: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    until: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    bucketSeconds: Required[int]
    data: Required[List[TenantStatsBucket]]


class CreatePortalTokenRequest(TypedDict, total=False):
    """CreatePortalTokenRequest"""

    ownerId: Required[OwnerId]
    """The tenant's own identifier for one of its customers; groups that customer's endpoints so an event can target all of them."""
    ttlSeconds: int
    """How long the token works."""


class PortalToken(TypedDict, total=False):
    """PortalToken"""

    token: Required[str]
    """The bearer token (`cpt_…`) for the portal and the API calls it makes."""
    ownerId: Required[OwnerId]
    """The tenant's own identifier for one of its customers; groups that customer's endpoints so an event can target all of them."""
    expiresAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""


EventTypePatterns = List["EventTypePattern"]
"""Event types the endpoint subscribes to, as patterns (see `EventTypePattern`). `["*"]` subscribes to everything."""


EndpointFilter = Dict[str, Any]
"""Optional filter on the event: every condition must hold for the event to be delivered. Keys are dot paths into the event, starting with `payload.` (payload fields) or `headers.` (event headers), e.g. `payload.customer.country`. A value is either a literal (equality) or an object of operators: `$eq`, `$ne`, `$gt`, `$gte`, `$lt`, `$lte` (numbers or strings), `$in`, `$nin` (arrays of literals), `$exists` (boolean). A path that does not exist compares as missing: only `$ne`, `$nin` and `$exists: false` match it. The server checks the filter's shape and names a bad condition (`/body/filter/payload.amount/$gtee`)."""


NullableEndpointFilter = Optional["EndpointFilter"]
"""Filter, or `null` for none."""


class RateLimit(TypedDict, total=False):
    """Per-endpoint delivery rate limit (token bucket)."""

    perSecond: Required[int]
    """Sustained deliveries per second."""
    burst: int
    """Deliveries allowed at once above the sustained rate; defaults to `perSecond`."""


NullableRateLimit = Optional["RateLimit"]
"""Rate limit, or `null` for none (the tenant's limit still applies)."""


NullableMaxConcurrency = Optional[int]
"""Most requests in flight to this endpoint at once, or `null` for no per-endpoint cap."""


TimeoutMs = int
"""Request timeout in milliseconds."""


RetrySchedule = List[int]
"""Delays in seconds before each retry (the first entry is the delay before the second attempt). The default schedule is `[0, 5, 300, 1800, 7200, 18000, 36000, 36000]`, each with ±20 % jitter."""


NullableRetrySchedule = Optional["RetrySchedule"]
"""Retry schedule override, or `null` for the installation's default schedule."""


SigningScheme = Literal["hmac", "ed25519"]
"""`hmac`: `webhook-signature: v1,<base64 HMAC-SHA256>` (Standard Webhooks symmetric). `ed25519`: `webhook-signature: v1a,<base64 Ed25519 signature>` (Standard Webhooks asymmetric); receivers verify with `publicKey`."""


PayloadFormat = Literal["raw", "envelope"]
"""The body each delivery carries. `raw`: the event's payload, byte for byte as it was sent. `envelope`: `{"type":"<event type>","timestamp":"<when the event was accepted, RFC 3339>","data":<the payload, byte for byte>}`, the body Standard Webhooks recommends. Either way the body is signed as sent, and every request carries the event type in the `webhook-event-type` header."""


SendTraceparent = bool
"""Whether each request carries the attempt's W3C `traceparent` header, so the receiver's own traces join Caravan's (ingest → routing → this attempt). Sent only while the installation exports traces (OpenTelemetry, `OTEL_*` settings); the header is not signed."""


PublicKey = str
"""Ed25519 public key, `whpk_` + base64 of 32 bytes."""


NullablePublicKey = Optional["PublicKey"]
"""Ed25519 public key for `ed25519` endpoints; `null` for `hmac` endpoints."""


ReturnedSecret = str
"""The new signing secret (HMAC `whsec_…`, or Ed25519 private key `whsk_…`). Shown only in this response."""


EndpointStatus = Literal["active", "paused", "disabled"]
"""`active`: receives deliveries. `paused` (by the tenant): deliveries are kept `pending` and sent after `resumeEndpoint`. `disabled` (by Caravan, see `disabledReason`): new deliveries are `discarded` and due ones fail; `resumeEndpoint` re-enables it and `recoverEndpoint` resends."""


NullableDisabledReason = Optional[Literal["continuous_failure", "gone"]]
"""Why Caravan disabled the endpoint: `continuous_failure` (every attempt failed for the installation's threshold, 5 days by default) or `gone` (the receiver answered `410 Gone`). `null` unless `status` is `disabled`."""


NullableDescription = Optional["Description"]
"""Free text, or `null`."""


class Endpoint(TypedDict, total=False):
    """A receiver URL of one of the tenant's customers, with its subscriptions and limits."""

    id: Required[EndpointId]
    """Endpoint id (`ep_` + ULID)."""
    url: Required[EndpointUrl]
    """Where deliveries go: the receiver's `http(s)` URL, or, for a broker destination, the plugin id as the scheme and the broker's first host (`aws-sqs://sqs.eu-west-1.amazonaws.com:443`)."""
    destination: Required[EndpointDestination]
    """Where the endpoint delivers: `http` (a signed POST to `url`; `config` is `null`) or an installed destination plugin (`listDestinationTypes`) that writes each signed delivery into the customer's broker: the body as the message, the `webhook-id`, `webhook-timestamp`, `webhook-signature`, `webhook-event-type` and custom headers as message attributes. Retries, limits, the breaker, health and operational events apply alike. Credentials are never returned."""
    description: Required[NullableDescription]
    """Free text, or `null`."""
    ownerId: Required[NullableOwnerId]
    """`ownerId`, or `null` when not set."""
    eventTypes: Required[EventTypePatterns]
    """Event types the endpoint subscribes to, as patterns (see `EventTypePattern`). `["*"]` subscribes to everything."""
    filter: Required[NullableEndpointFilter]
    """Filter, or `null` for none."""
    headers: Required[CustomHeaders]
    """Extra HTTP headers to send with each delivery request, name → value. Names must be HTTP field names (RFC 9110 `token`) of at most 64 characters and may not be one Caravan sets itself (`content-type`, `content-length`, `host`, `user-agent`, `webhook-id`, `webhook-timestamp`, `webhook-signature`, or any `webhook-*` or `caravan-*` name); these are checked by the server and named in `errors[]` (e.g. `/body/headers/Host`)."""
    rateLimit: Required[NullableRateLimit]
    """Rate limit, or `null` for none (the tenant's limit still applies)."""
    maxConcurrency: Required[NullableMaxConcurrency]
    """Most requests in flight to this endpoint at once, or `null` for no per-endpoint cap."""
    timeoutMs: Required[TimeoutMs]
    """Request timeout in milliseconds."""
    retrySchedule: Required[NullableRetrySchedule]
    """Retry schedule override, or `null` for the installation's default schedule."""
    egressPoolId: Required[NullableEgressPoolId]
    """Egress pool id, or `null` for none."""
    payloadFormat: Required[PayloadFormat]
    """The body each delivery carries. `raw`: the event's payload, byte for byte as it was sent. `envelope`: `{"type":"<event type>","timestamp":"<when the event was accepted, RFC 3339>","data":<the payload, byte for byte>}`, the body Standard Webhooks recommends. Either way the body is signed as sent, and every request carries the event type in the `webhook-event-type` header."""
    sendTraceparent: Required[SendTraceparent]
    """Whether each request carries the attempt's W3C `traceparent` header, so the receiver's own traces join Caravan's (ingest → routing → this attempt). Sent only while the installation exports traces (OpenTelemetry, `OTEL_*` settings); the header is not signed."""
    signingScheme: Required[SigningScheme]
    """`hmac`: `webhook-signature: v1,<base64 HMAC-SHA256>` (Standard Webhooks symmetric). `ed25519`: `webhook-signature: v1a,<base64 Ed25519 signature>` (Standard Webhooks asymmetric); receivers verify with `publicKey`."""
    publicKey: Required[NullablePublicKey]
    """Ed25519 public key for `ed25519` endpoints; `null` for `hmac` endpoints."""
    status: Required[EndpointStatus]
    """`active`: receives deliveries. `paused` (by the tenant): deliveries are kept `pending` and sent after `resumeEndpoint`. `disabled` (by Caravan, see `disabledReason`): new deliveries are `discarded` and due ones fail; `resumeEndpoint` re-enables it and `recoverEndpoint` resends."""
    disabledReason: Required[NullableDisabledReason]
    """Why Caravan disabled the endpoint: `continuous_failure` (every attempt failed for the installation's threshold, 5 days by default) or `gone` (the receiver answered `410 Gone`). `null` unless `status` is `disabled`."""
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    updatedAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""


class EndpointCreated(TypedDict, total=False):
    """A new endpoint and its first signing secret. The secret is never returned again."""

    id: Required[EndpointId]
    """Endpoint id (`ep_` + ULID)."""
    url: Required[EndpointUrl]
    """Where deliveries go: the receiver's `http(s)` URL, or, for a broker destination, the plugin id as the scheme and the broker's first host (`aws-sqs://sqs.eu-west-1.amazonaws.com:443`)."""
    destination: Required[EndpointDestination]
    """Where the endpoint delivers: `http` (a signed POST to `url`; `config` is `null`) or an installed destination plugin (`listDestinationTypes`) that writes each signed delivery into the customer's broker: the body as the message, the `webhook-id`, `webhook-timestamp`, `webhook-signature`, `webhook-event-type` and custom headers as message attributes. Retries, limits, the breaker, health and operational events apply alike. Credentials are never returned."""
    description: Required[NullableDescription]
    """Free text, or `null`."""
    ownerId: Required[NullableOwnerId]
    """`ownerId`, or `null` when not set."""
    eventTypes: Required[EventTypePatterns]
    """Event types the endpoint subscribes to, as patterns (see `EventTypePattern`). `["*"]` subscribes to everything."""
    filter: Required[NullableEndpointFilter]
    """Filter, or `null` for none."""
    headers: Required[CustomHeaders]
    """Extra HTTP headers to send with each delivery request, name → value. Names must be HTTP field names (RFC 9110 `token`) of at most 64 characters and may not be one Caravan sets itself (`content-type`, `content-length`, `host`, `user-agent`, `webhook-id`, `webhook-timestamp`, `webhook-signature`, or any `webhook-*` or `caravan-*` name); these are checked by the server and named in `errors[]` (e.g. `/body/headers/Host`)."""
    rateLimit: Required[NullableRateLimit]
    """Rate limit, or `null` for none (the tenant's limit still applies)."""
    maxConcurrency: Required[NullableMaxConcurrency]
    """Most requests in flight to this endpoint at once, or `null` for no per-endpoint cap."""
    timeoutMs: Required[TimeoutMs]
    """Request timeout in milliseconds."""
    retrySchedule: Required[NullableRetrySchedule]
    """Retry schedule override, or `null` for the installation's default schedule."""
    egressPoolId: Required[NullableEgressPoolId]
    """Egress pool id, or `null` for none."""
    payloadFormat: Required[PayloadFormat]
    """The body each delivery carries. `raw`: the event's payload, byte for byte as it was sent. `envelope`: `{"type":"<event type>","timestamp":"<when the event was accepted, RFC 3339>","data":<the payload, byte for byte>}`, the body Standard Webhooks recommends. Either way the body is signed as sent, and every request carries the event type in the `webhook-event-type` header."""
    sendTraceparent: Required[SendTraceparent]
    """Whether each request carries the attempt's W3C `traceparent` header, so the receiver's own traces join Caravan's (ingest → routing → this attempt). Sent only while the installation exports traces (OpenTelemetry, `OTEL_*` settings); the header is not signed."""
    signingScheme: Required[SigningScheme]
    """`hmac`: `webhook-signature: v1,<base64 HMAC-SHA256>` (Standard Webhooks symmetric). `ed25519`: `webhook-signature: v1a,<base64 Ed25519 signature>` (Standard Webhooks asymmetric); receivers verify with `publicKey`."""
    publicKey: Required[NullablePublicKey]
    """Ed25519 public key for `ed25519` endpoints; `null` for `hmac` endpoints."""
    status: Required[EndpointStatus]
    """`active`: receives deliveries. `paused` (by the tenant): deliveries are kept `pending` and sent after `resumeEndpoint`. `disabled` (by Caravan, see `disabledReason`): new deliveries are `discarded` and due ones fail; `resumeEndpoint` re-enables it and `recoverEndpoint` resends."""
    disabledReason: Required[NullableDisabledReason]
    """Why Caravan disabled the endpoint: `continuous_failure` (every attempt failed for the installation's threshold, 5 days by default) or `gone` (the receiver answered `410 Gone`). `null` unless `status` is `disabled`."""
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    updatedAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    secret: Required[ReturnedSecret]
    """The new signing secret (HMAC `whsec_…`, or Ed25519 private key `whsk_…`). Shown only in this response."""


class CreateEndpointRequest(TypedDict, total=False):
    """`url` is required with the `http` destination (the default) and refused with a broker destination, whose `url` Caravan sets (`400 CARAVAN_VALIDATION_FAILED` naming `/body/url`)."""

    url: HttpsUrl
    """An absolute `http` or `https` URL."""
    destination: EndpointDestinationInput
    """`{ "type": "http" }` (the default), or `{ "type": "<plugin>", "config": {…}, "credentials": {…} }`. `config` and `credentials` are validated against the destination type's schemas (problems named under `/body/destination/config/…`), broker hosts against the operator's `destinations.allowedHosts`. An unknown type answers `400` naming `/body/destination/type`. On update, omitted `credentials` are kept while the type stays the same; `null` removes them."""
    description: NullableDescription
    """Free text, or `null`."""
    ownerId: NullableOwnerId
    """`ownerId`, or `null` when not set."""
    eventTypes: EventTypePatterns
    """Event types the endpoint subscribes to, as patterns (see `EventTypePattern`). `["*"]` subscribes to everything."""
    filter: NullableEndpointFilter
    """Filter, or `null` for none."""
    headers: CustomHeaders
    """Extra HTTP headers to send with each delivery request, name → value. Names must be HTTP field names (RFC 9110 `token`) of at most 64 characters and may not be one Caravan sets itself (`content-type`, `content-length`, `host`, `user-agent`, `webhook-id`, `webhook-timestamp`, `webhook-signature`, or any `webhook-*` or `caravan-*` name); these are checked by the server and named in `errors[]` (e.g. `/body/headers/Host`)."""
    rateLimit: NullableRateLimit
    """Rate limit, or `null` for none (the tenant's limit still applies)."""
    maxConcurrency: NullableMaxConcurrency
    """Most requests in flight to this endpoint at once, or `null` for no per-endpoint cap."""
    timeoutMs: TimeoutMs
    """Request timeout in milliseconds."""
    retrySchedule: NullableRetrySchedule
    """Retry schedule override, or `null` for the installation's default schedule."""
    egressPoolId: NullableEgressPoolId
    """Egress pool id, or `null` for none."""
    payloadFormat: PayloadFormat
    """The body each delivery carries. `raw`: the event's payload, byte for byte as it was sent. `envelope`: `{"type":"<event type>","timestamp":"<when the event was accepted, RFC 3339>","data":<the payload, byte for byte>}`, the body Standard Webhooks recommends. Either way the body is signed as sent, and every request carries the event type in the `webhook-event-type` header."""
    sendTraceparent: SendTraceparent
    """Whether each request carries the attempt's W3C `traceparent` header, so the receiver's own traces join Caravan's (ingest → routing → this attempt). Sent only while the installation exports traces (OpenTelemetry, `OTEL_*` settings); the header is not signed."""
    signingScheme: SigningScheme
    """`hmac`: `webhook-signature: v1,<base64 HMAC-SHA256>` (Standard Webhooks symmetric). `ed25519`: `webhook-signature: v1a,<base64 Ed25519 signature>` (Standard Webhooks asymmetric); receivers verify with `publicKey`."""
    secret: SigningSecret
    """Signing secret. HMAC secrets are `whsec_` + base64 of 24–64 random bytes; Ed25519 private keys are `whsk_` + base64 (Standard Webhooks naming)."""


class UpdateEndpointRequest(TypedDict, total=False):
    """Fields to change; omitted fields keep their value, `null` clears a nullable field. `signingScheme` cannot change (create a new endpoint); secrets change with `rotateEndpointSecret`; `status` changes with `pauseEndpoint` / `resumeEndpoint`."""

    url: HttpsUrl
    """An absolute `http` or `https` URL."""
    destination: EndpointDestinationInput
    """`{ "type": "http" }` (the default), or `{ "type": "<plugin>", "config": {…}, "credentials": {…} }`. `config` and `credentials` are validated against the destination type's schemas (problems named under `/body/destination/config/…`), broker hosts against the operator's `destinations.allowedHosts`. An unknown type answers `400` naming `/body/destination/type`. On update, omitted `credentials` are kept while the type stays the same; `null` removes them."""
    description: NullableDescription
    """Free text, or `null`."""
    ownerId: NullableOwnerId
    """`ownerId`, or `null` when not set."""
    eventTypes: EventTypePatterns
    """Event types the endpoint subscribes to, as patterns (see `EventTypePattern`). `["*"]` subscribes to everything."""
    filter: NullableEndpointFilter
    """Filter, or `null` for none."""
    headers: CustomHeaders
    """Extra HTTP headers to send with each delivery request, name → value. Names must be HTTP field names (RFC 9110 `token`) of at most 64 characters and may not be one Caravan sets itself (`content-type`, `content-length`, `host`, `user-agent`, `webhook-id`, `webhook-timestamp`, `webhook-signature`, or any `webhook-*` or `caravan-*` name); these are checked by the server and named in `errors[]` (e.g. `/body/headers/Host`)."""
    rateLimit: NullableRateLimit
    """Rate limit, or `null` for none (the tenant's limit still applies)."""
    maxConcurrency: NullableMaxConcurrency
    """Most requests in flight to this endpoint at once, or `null` for no per-endpoint cap."""
    timeoutMs: TimeoutMs
    """Request timeout in milliseconds."""
    retrySchedule: NullableRetrySchedule
    """Retry schedule override, or `null` for the installation's default schedule."""
    egressPoolId: NullableEgressPoolId
    """Egress pool id, or `null` for none."""
    payloadFormat: PayloadFormat
    """The body each delivery carries. `raw`: the event's payload, byte for byte as it was sent. `envelope`: `{"type":"<event type>","timestamp":"<when the event was accepted, RFC 3339>","data":<the payload, byte for byte>}`, the body Standard Webhooks recommends. Either way the body is signed as sent, and every request carries the event type in the `webhook-event-type` header."""
    sendTraceparent: SendTraceparent
    """Whether each request carries the attempt's W3C `traceparent` header, so the receiver's own traces join Caravan's (ingest → routing → this attempt). Sent only while the installation exports traces (OpenTelemetry, `OTEL_*` settings); the header is not signed."""


class EndpointDestination(TypedDict, total=False):
    """Where the endpoint delivers: `http` (a signed POST to `url`; `config` is `null`) or an installed destination plugin (`listDestinationTypes`) that writes each signed delivery into the customer's broker: the body as the message, the `webhook-id`, `webhook-timestamp`, `webhook-signature`, `webhook-event-type` and custom headers as message attributes. Retries, limits, the breaker, health and operational events apply alike. Credentials are never returned."""

    type: Required[DestinationTypeId]
    """`http` (the built-in HTTP POST) or a destination plugin id, `<vendor>-<product>` (e.g. `aws-sqs`, `gcp-pubsub`, `kafka`, `rabbitmq`)."""
    config: Required[Optional[DestinationConfig]]
    """The plugin's config, or `null` for `http`."""


class EndpointDestinationInput(TypedDict, total=False):
    """`{ "type": "http" }` (the default), or `{ "type": "<plugin>", "config": {…}, "credentials": {…} }`. `config` and `credentials` are validated against the destination type's schemas (problems named under `/body/destination/config/…`), broker hosts against the operator's `destinations.allowedHosts`. An unknown type answers `400` naming `/body/destination/type`. On update, omitted `credentials` are kept while the type stays the same; `null` removes them."""

    type: Required[DestinationTypeId]
    """`http` (the built-in HTTP POST) or a destination plugin id, `<vendor>-<product>` (e.g. `aws-sqs`, `gcp-pubsub`, `kafka`, `rabbitmq`)."""
    config: DestinationConfig
    """Destination plugin configuration (queue, topic, exchange, …), per the type's `configSchema`."""
    credentials: Optional[DestinationCredentials]
    """Write-only broker credentials, encrypted at rest, never returned; `null` removes them."""


DestinationConfig = Dict[str, Any]
"""Destination plugin configuration (queue, topic, exchange, …), per the type's `configSchema`."""


DestinationCredentials = Dict[str, Any]
"""Destination plugin credentials, per the type's `credentialsSchema`."""


class DestinationType(TypedDict, total=False):
    """An installed destination plugin."""

    id: Required[DestinationTypeId]
    """`http` (the built-in HTTP POST) or a destination plugin id, `<vendor>-<product>` (e.g. `aws-sqs`, `gcp-pubsub`, `kafka`, `rabbitmq`)."""
    apiVersion: Required[int]
    """Version of the `@caravan/destination-api` contract the plugin implements."""
    displayName: Required[str]
    configSchema: Required[JsonSchemaDocument]
    """A JSON Schema (draft-07) for event payloads. The server checks that it is a valid schema and names the first problem (`/body/schema/properties/amount/type`)."""
    credentialsSchema: Required[JsonSchemaDocument]
    """A JSON Schema (draft-07) for event payloads. The server checks that it is a valid schema and names the first problem (`/body/schema/properties/amount/type`)."""


class DestinationTypeList(TypedDict, total=False):
    """Every installed destination plugin (not paginated)."""

    data: Required[List[DestinationType]]


class EndpointList(TypedDict, total=False):
    """EndpointList"""

    data: Required[List[Endpoint]]
    nextCursor: Required[NextCursor]
    """Cursor for the next page, or `null` on the last page."""


class EndpointSecret(TypedDict, total=False):
    """One signing secret of an endpoint (never its value)."""

    id: Required[SecretId]
    """Endpoint secret id (`sec_` + ULID)."""
    current: Required[bool]
    """`true` for the current secret; `false` for previous secrets still in their grace period."""
    publicKey: Required[NullablePublicKey]
    """Ed25519 public key for `ed25519` endpoints; `null` for `hmac` endpoints."""
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    expiresAt: Required[NullableTimestamp]
    """RFC 3339 date-time in UTC, or `null`."""


class EndpointSecretList(TypedDict, total=False):
    """The current secret first, then live previous secrets, newest first (at most 11 in all). Expired secrets are not listed."""

    data: Required[List[EndpointSecret]]


class RotateEndpointSecretRequest(TypedDict, total=False):
    """RotateEndpointSecretRequest"""

    gracePeriodSeconds: int
    """How long the secret being replaced keeps signing (alongside the new one). `0` retires it at once (emergency rotation after a leak)."""
    secret: SigningSecret
    """Signing secret. HMAC secrets are `whsec_` + base64 of 24–64 random bytes; Ed25519 private keys are `whsk_` + base64 (Standard Webhooks naming)."""


class RotatedEndpointSecret(TypedDict, total=False):
    """RotatedEndpointSecret"""

    id: Required[SecretId]
    """Endpoint secret id (`sec_` + ULID)."""
    secret: Required[ReturnedSecret]
    """The new signing secret (HMAC `whsec_…`, or Ed25519 private key `whsk_…`). Shown only in this response."""
    publicKey: Required[NullablePublicKey]
    """Ed25519 public key for `ed25519` endpoints; `null` for `hmac` endpoints."""
    previousSecretsExpireAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""


class RecoverEndpointRequest(TypedDict, total=False):
    """RecoverEndpointRequest"""

    since: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    until: Timestamp
    """RFC 3339 date-time in UTC."""


BreakerState = Literal["closed", "open", "half_open"]
"""`closed`: deliveries flow. `open`: deliveries are parked without spending attempts until `nextProbeAt`. `half_open`: one probe request decides whether to close or reopen."""


class HealthError(TypedDict, total=False):
    """HealthError"""

    code: Required[AttemptErrorCode]
    """Why an attempt failed. `non_2xx_status`: the receiver answered, but not with 2xx (redirects are not followed; see `statusCode`). `timeout`: no complete answer within `timeoutMs`. `dns_failed`, `connection_failed`, `tls_failed`: the request could not be sent. `address_not_allowed`: the URL resolved to an address the SSRF guard refuses. `destination_unavailable`: a broker destination did not take the message (unreachable, throttled, refused the credentials); retried. `destination_rejected`: the broker will never take it as it is (too large, for instance); not retried."""
    message: Required[str]
    statusCode: Required[Optional[int]]
    at: Required[Timestamp]
    """RFC 3339 date-time in UTC."""


class EndpointHealth(TypedDict, total=False):
    """EndpointHealth"""

    endpointId: Required[EndpointId]
    """Endpoint id (`ep_` + ULID)."""
    status: Required[EndpointStatus]
    """`active`: receives deliveries. `paused` (by the tenant): deliveries are kept `pending` and sent after `resumeEndpoint`. `disabled` (by Caravan, see `disabledReason`): new deliveries are `discarded` and due ones fail; `resumeEndpoint` re-enables it and `recoverEndpoint` resends."""
    breakerState: Required[BreakerState]
    """`closed`: deliveries flow. `open`: deliveries are parked without spending attempts until `nextProbeAt`. `half_open`: one probe request decides whether to close or reopen."""
    breakerOpenedAt: Required[NullableTimestamp]
    """RFC 3339 date-time in UTC, or `null`."""
    nextProbeAt: Required[NullableTimestamp]
    """RFC 3339 date-time in UTC, or `null`."""
    recentSuccessRate: Required[Optional[float]]
    """Share of successful attempts in the window (0..1), or `null` with no attempts."""
    recentAttempts: Required[int]
    """Attempts in the window."""
    windowSeconds: Required[int]
    """Length of the window the recent figures cover."""
    lastSuccessAt: Required[NullableTimestamp]
    """RFC 3339 date-time in UTC, or `null`."""
    lastError: Required[Optional[HealthError]]
    """The most recent failed attempt's error, or `null`."""
    failingSince: Required[NullableTimestamp]
    """RFC 3339 date-time in UTC, or `null`."""


JsonSchemaDocument = Dict[str, Any]
"""A JSON Schema (draft-07) for event payloads. The server checks that it is a valid schema and names the first problem (`/body/schema/properties/amount/type`)."""


NullableJsonSchemaDocument = Optional["JsonSchemaDocument"]
"""JSON Schema the payload must satisfy, or `null` to accept any payload."""


class EventType(TypedDict, total=False):
    """EventType"""

    name: Required[EventTypeName]
    """Event type name: dot-separated segments of letters, digits, `_` and `-` (e.g. `invoice.paid`)."""
    description: Required[NullableDescription]
    """Free text, or `null`."""
    schema: Required[NullableJsonSchemaDocument]
    """JSON Schema the payload must satisfy, or `null` to accept any payload."""
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    updatedAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""


class CreateEventTypeRequest(TypedDict, total=False):
    """CreateEventTypeRequest"""

    name: Required[EventTypeName]
    """Event type name: dot-separated segments of letters, digits, `_` and `-` (e.g. `invoice.paid`)."""
    description: NullableDescription
    """Free text, or `null`."""
    schema: NullableJsonSchemaDocument
    """JSON Schema the payload must satisfy, or `null` to accept any payload."""


class UpdateEventTypeRequest(TypedDict, total=False):
    """Fields to change; omitted fields keep their value. The name cannot change."""

    description: NullableDescription
    """Free text, or `null`."""
    schema: NullableJsonSchemaDocument
    """JSON Schema the payload must satisfy, or `null` to accept any payload."""


class EventTypeList(TypedDict, total=False):
    """EventTypeList"""

    data: Required[List[EventType]]
    nextCursor: Required[NextCursor]
    """Cursor for the next page, or `null` on the last page."""


IdempotencyKeyValue = str
"""Producer's key for this event. Every ingest with the same key (per tenant) maps to the same event id; only the first payload is kept."""


class SendEventRequest(TypedDict, total=False):
    """One event. The same document is the `caravan` message format of sources. Routing: `endpointId` targets that endpoint only, `ownerId` all endpoints of that owner, neither every endpoint subscribed to `eventType`; in every case the endpoint's event type patterns and filter must also match."""

    eventType: Required[EventTypeName]
    """Event type name: dot-separated segments of letters, digits, `_` and `-` (e.g. `invoice.paid`)."""
    payload: Required[Any]
    """Any JSON value. Its exact bytes are kept and delivered. If the event type has a JSON Schema, the payload must satisfy it (`CARAVAN_PAYLOAD_SCHEMA_MISMATCH`, naming the field)."""
    idempotencyKey: IdempotencyKeyValue
    """Producer's key for this event. Every ingest with the same key (per tenant) maps to the same event id; only the first payload is kept."""
    endpointId: EndpointId
    """Endpoint id (`ep_` + ULID)."""
    ownerId: OwnerId
    """The tenant's own identifier for one of its customers; groups that customer's endpoints so an event can target all of them."""
    headers: CustomHeaders
    """Extra HTTP headers to send with each delivery request, name → value. Names must be HTTP field names (RFC 9110 `token`) of at most 64 characters and may not be one Caravan sets itself (`content-type`, `content-length`, `host`, `user-agent`, `webhook-id`, `webhook-timestamp`, `webhook-signature`, or any `webhook-*` or `caravan-*` name); these are checked by the server and named in `errors[]` (e.g. `/body/headers/Host`)."""


class SendEventResponse(TypedDict, total=False):
    """SendEventResponse"""

    id: Required[EventId]
    """Event id (`evt_` + ULID). It is also the `webhook-id` header of every request that delivers the event."""
    duplicate: Required[bool]
    """`true` when Caravan already had an event with this `idempotencyKey`; `id` is then the first event's id and nothing new was stored. A retry that races the first request may get `false` with the same `id`; either way only one event exists."""


class SendEventBatchRequest(TypedDict, total=False):
    """SendEventBatchRequest"""

    events: Required[List[SendEventRequest]]


class SendEventBatchResponse(TypedDict, total=False):
    """One result per event, in request order."""

    data: Required[List[SendEventResponse]]


NullableEndpointId = Optional["EndpointId"]
"""Endpoint id, or `null`."""


NullableSourceId = Optional["SourceId"]
"""The source the event came from, or `null` when it was sent over the REST API."""


NullableIdempotencyKey = Optional["IdempotencyKeyValue"]
"""The event's idempotency key, or `null`."""


class EventSummary(TypedDict, total=False):
    """An event without its payload, as lists show it."""

    id: Required[EventId]
    """Event id (`evt_` + ULID). It is also the `webhook-id` header of every request that delivers the event."""
    eventType: Required[EventTypeName]
    """Event type name: dot-separated segments of letters, digits, `_` and `-` (e.g. `invoice.paid`)."""
    idempotencyKey: Required[NullableIdempotencyKey]
    """The event's idempotency key, or `null`."""
    endpointId: Required[NullableEndpointId]
    """Endpoint id, or `null`."""
    ownerId: Required[NullableOwnerId]
    """`ownerId`, or `null` when not set."""
    headers: Required[EventHeaders]
    """Headers delivered with the event: those sent on ingest, plus, for events from a source, the broker message id and attributes."""
    sourceId: Required[NullableSourceId]
    """The source the event came from, or `null` when it was sent over the REST API."""
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""


EventHeaders = Dict[str, str]
"""Headers delivered with the event: those sent on ingest, plus, for events from a source, the broker message id and attributes."""


class Event(TypedDict, total=False):
    """An event with its payload and its deliveries."""

    id: Required[EventId]
    """Event id (`evt_` + ULID). It is also the `webhook-id` header of every request that delivers the event."""
    eventType: Required[EventTypeName]
    """Event type name: dot-separated segments of letters, digits, `_` and `-` (e.g. `invoice.paid`)."""
    payload: Required[Any]
    """The payload as ingested (any JSON value)."""
    idempotencyKey: Required[NullableIdempotencyKey]
    """The event's idempotency key, or `null`."""
    endpointId: Required[NullableEndpointId]
    """Endpoint id, or `null`."""
    ownerId: Required[NullableOwnerId]
    """`ownerId`, or `null` when not set."""
    headers: Required[EventHeaders]
    """Headers delivered with the event: those sent on ingest, plus, for events from a source, the broker message id and attributes."""
    sourceId: Required[NullableSourceId]
    """The source the event came from, or `null` when it was sent over the REST API."""
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    deliveries: Required[List[Delivery]]
    """The event's deliveries, newest first, at most 100. When `hasMoreDeliveries` is `true`, page through all of them with `listDeliveries?eventId=`."""
    hasMoreDeliveries: Required[bool]


class EventList(TypedDict, total=False):
    """EventList"""

    data: Required[List[EventSummary]]
    nextCursor: Required[NextCursor]
    """Cursor for the next page, or `null` on the last page."""


DeliveryStatus = Literal["pending", "retrying", "succeeded", "failed", "discarded"]
"""`pending`: waiting for its first attempt (or held while the endpoint is paused). `retrying`: an attempt failed and another is scheduled at `nextAttemptAt`. `succeeded`: an attempt got a 2xx answer. `failed`: the retry schedule is used up, or the endpoint was disabled. `discarded`: never sent, because the endpoint was disabled or deleted."""


AttemptErrorCode = Literal["non_2xx_status", "timeout", "dns_failed", "connection_failed", "tls_failed", "address_not_allowed", "destination_unavailable", "destination_rejected"]
"""Why an attempt failed. `non_2xx_status`: the receiver answered, but not with 2xx (redirects are not followed; see `statusCode`). `timeout`: no complete answer within `timeoutMs`. `dns_failed`, `connection_failed`, `tls_failed`: the request could not be sent. `address_not_allowed`: the URL resolved to an address the SSRF guard refuses. `destination_unavailable`: a broker destination did not take the message (unreachable, throttled, refused the credentials); retried. `destination_rejected`: the broker will never take it as it is (too large, for instance); not retried."""


class AttemptError(TypedDict, total=False):
    """AttemptError"""

    code: Required[AttemptErrorCode]
    """Why an attempt failed. `non_2xx_status`: the receiver answered, but not with 2xx (redirects are not followed; see `statusCode`). `timeout`: no complete answer within `timeoutMs`. `dns_failed`, `connection_failed`, `tls_failed`: the request could not be sent. `address_not_allowed`: the URL resolved to an address the SSRF guard refuses. `destination_unavailable`: a broker destination did not take the message (unreachable, throttled, refused the credentials); retried. `destination_rejected`: the broker will never take it as it is (too large, for instance); not retried."""
    message: Required[str]


NullableAttemptError = Optional["AttemptError"]
"""The error, or `null`."""


NullableStatusCode = Optional[int]
"""HTTP status the receiver answered, or `null` when no answer arrived."""


class Delivery(TypedDict, total=False):
    """One (event, endpoint) pair and its progress."""

    id: Required[DeliveryId]
    """Delivery id (`dlv_` + ULID)."""
    eventId: Required[EventId]
    """Event id (`evt_` + ULID). It is also the `webhook-id` header of every request that delivers the event."""
    endpointId: Required[EndpointId]
    """Endpoint id (`ep_` + ULID)."""
    eventType: Required[EventTypeName]
    """Event type name: dot-separated segments of letters, digits, `_` and `-` (e.g. `invoice.paid`)."""
    status: Required[DeliveryStatus]
    """`pending`: waiting for its first attempt (or held while the endpoint is paused). `retrying`: an attempt failed and another is scheduled at `nextAttemptAt`. `succeeded`: an attempt got a 2xx answer. `failed`: the retry schedule is used up, or the endpoint was disabled. `discarded`: never sent, because the endpoint was disabled or deleted."""
    attemptCount: Required[int]
    """Attempts made so far (waits for rate limits or an open breaker are not attempts)."""
    nextAttemptAt: Required[NullableTimestamp]
    """RFC 3339 date-time in UTC, or `null`."""
    lastAttemptAt: Required[NullableTimestamp]
    """RFC 3339 date-time in UTC, or `null`."""
    lastStatusCode: Required[NullableStatusCode]
    """HTTP status the receiver answered, or `null` when no answer arrived."""
    lastError: Required[NullableAttemptError]
    """The error, or `null`."""
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    updatedAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""


class DeliveryList(TypedDict, total=False):
    """DeliveryList"""

    data: Required[List[Delivery]]
    nextCursor: Required[NextCursor]
    """Cursor for the next page, or `null` on the last page."""


HeaderMap = Dict[str, str]
"""HTTP headers, lower-case name → value (repeated headers joined with `, `)."""


class Attempt(TypedDict, total=False):
    """One HTTP request made for a delivery."""

    id: Required[AttemptId]
    """Attempt id (`att_` + ULID)."""
    deliveryId: Required[DeliveryId]
    """Delivery id (`dlv_` + ULID)."""
    attemptNumber: Required[int]
    trigger: Required[Literal["scheduled", "manual"]]
    """`scheduled` (first try and automatic retries) or `manual` (retry, recover, replay)."""
    url: Required[EndpointUrl]
    """Where deliveries go: the receiver's `http(s)` URL, or, for a broker destination, the plugin id as the scheme and the broker's first host (`aws-sqs://sqs.eu-west-1.amazonaws.com:443`)."""
    startedAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    durationMs: Required[int]
    statusCode: Required[NullableStatusCode]
    """HTTP status the receiver answered, or `null` when no answer arrived."""
    error: Required[NullableAttemptError]
    """The error, or `null`."""
    requestHeaders: Required[HeaderMap]
    """HTTP headers, lower-case name → value (repeated headers joined with `, `)."""
    responseHeaders: Required[Optional[HeaderMap]]
    """The receiver's response headers, or `null` when no answer arrived."""
    responseBodyExcerpt: Required[Optional[str]]
    """The first 4096 characters of the response body, or `null` when there was none."""
    egressAddress: Required[Optional[str]]
    """The local address (`bind` pools) or proxy (`proxy` pools, without credentials) the request left through, or `null` when it was sent directly."""


class AttemptList(TypedDict, total=False):
    """AttemptList"""

    data: Required[List[Attempt]]
    nextCursor: Required[NextCursor]
    """Cursor for the next page, or `null` on the last page."""


class BulkRetryRequest(TypedDict, total=False):
    """Which deliveries to retry. Every given condition must hold. `since` is required so the job scans a bounded range."""

    status: List[Literal["failed", "discarded", "succeeded"]]
    """Statuses to retry."""
    endpointId: EndpointId
    """Endpoint id (`ep_` + ULID)."""
    eventId: EventId
    """Event id (`evt_` + ULID). It is also the `webhook-id` header of every request that delivers the event."""
    eventType: EventTypeName
    """Event type name: dot-separated segments of letters, digits, `_` and `-` (e.g. `invoice.paid`)."""
    since: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    until: Timestamp
    """RFC 3339 date-time in UTC."""


class Job(TypedDict, total=False):
    """Background work started by bulk retry, endpoint recovery or event replay."""

    id: Required[JobId]
    """Job id (`job_` + ULID)."""
    type: Required[Literal["bulk_retry", "endpoint_recover", "event_replay"]]
    status: Required[Literal["queued", "running", "succeeded", "failed"]]
    total: Required[Optional[int]]
    """Deliveries the job will handle, or `null` until it has counted them."""
    processed: Required[int]
    """Deliveries queued again so far."""
    error: Required[Optional[JobError]]
    """Why the job failed, or `null`."""
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    updatedAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    finishedAt: Required[NullableTimestamp]
    """RFC 3339 date-time in UTC, or `null`."""


class JobError(TypedDict, total=False):
    """JobError"""

    code: Required[ErrorCode]
    """Stable machine-readable error code. The HTTP status is fixed per code:"""
    message: Required[str]


SourceFormat = Literal["caravan", "convoy", "raw"]
"""How a broker message becomes an event. `caravan`: the body is a `SendEventRequest` document. `convoy`: the body is a Convoy event (`event_type`, `data`, `endpoint_id`, `owner_id`, `custom_headers`, `idempotency_key`). `raw`: the whole body is the payload; event type and routing come from the message attributes named in `raw`."""


AttributeName = str


class RawFormatOptions(TypedDict, total=False):
    """Attribute names for the `raw` format. A message without the `eventTypeAttribute` attribute becomes a dead letter. Without `idempotencyKeyAttribute`, the broker message id is the idempotency key."""

    eventTypeAttribute: Required[AttributeName]
    endpointIdAttribute: AttributeName
    ownerIdAttribute: AttributeName
    idempotencyKeyAttribute: AttributeName


NullableRawFormatOptions = Optional["RawFormatOptions"]
"""Options of the `raw` format (required when `format` is `raw`), otherwise `null`."""


SourceConfig = Dict[str, Any]
"""Plugin configuration (subscription, queue, topic, …). Validated against the source type's `configSchema`; problems are named under `/body/config/…`."""


SourceCredentials = Dict[str, Any]
"""Write-only broker credentials, validated against the source type's `credentialsSchema` (problems named under `/body/credentials/…`). Encrypted at rest and never returned."""


SourceWorkers = int
"""Concurrent pullers for this source."""


SourceState = Literal["running", "paused", "error"]
"""`running`: consuming (or waiting for a worker process to take it; `workerId` is then `null`). `paused`: stopped by the tenant. `error`: the consumer keeps failing (see `lastError`); Caravan keeps retrying with back-off."""


class SourceMetrics(TypedDict, total=False):
    """Counters since the source was created."""

    messagesReceived: Required[int]
    eventsAccepted: Required[int]
    """Messages that became events (or were known duplicates) and were acknowledged."""
    messagesRetried: Required[int]
    """Messages handed back to the broker for redelivery (log unavailable, ingest limit, shutdown)."""
    messagesRejected: Required[int]
    """Messages stored as dead letters."""


class SourceError(TypedDict, total=False):
    """SourceError"""

    code: Required[str]
    """Stable code of the plugin or host error (e.g. `CARAVAN_SOURCE_AUTH_FAILED`)."""
    message: Required[str]
    at: Required[Timestamp]
    """RFC 3339 date-time in UTC."""


class SourceStatus(TypedDict, total=False):
    """SourceStatus"""

    state: Required[SourceState]
    """`running`: consuming (or waiting for a worker process to take it; `workerId` is then `null`). `paused`: stopped by the tenant. `error`: the consumer keeps failing (see `lastError`); Caravan keeps retrying with back-off."""
    workerId: Required[Optional[str]]
    """The worker process that holds the source's lease, or `null`."""
    lastError: Required[Optional[SourceError]]
    """The consumer's most recent error, or `null`."""
    lastMessageAt: Required[NullableTimestamp]
    """RFC 3339 date-time in UTC, or `null`."""
    metrics: Required[SourceMetrics]
    """Counters since the source was created."""


class Source(TypedDict, total=False):
    """A broker subscription or queue Caravan pulls events from."""

    id: Required[SourceId]
    """Source id (`src_` + ULID)."""
    name: Required[Name]
    """Human-readable name."""
    type: Required[SourceTypeId]
    """Source plugin id, `<vendor>-<product>` (e.g. `gcp-pubsub`, `aws-sqs`, `kafka`)."""
    config: Required[SourceConfig]
    """Plugin configuration (subscription, queue, topic, …). Validated against the source type's `configSchema`; problems are named under `/body/config/…`."""
    hasCredentials: Required[bool]
    """Whether credentials are stored (they are never returned)."""
    workers: Required[SourceWorkers]
    """Concurrent pullers for this source."""
    format: Required[SourceFormat]
    """How a broker message becomes an event. `caravan`: the body is a `SendEventRequest` document. `convoy`: the body is a Convoy event (`event_type`, `data`, `endpoint_id`, `owner_id`, `custom_headers`, `idempotency_key`). `raw`: the whole body is the payload; event type and routing come from the message attributes named in `raw`."""
    raw: Required[NullableRawFormatOptions]
    """Options of the `raw` format (required when `format` is `raw`), otherwise `null`."""
    status: Required[SourceStatus]
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    updatedAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""


class CreateSourceRequest(TypedDict, total=False):
    """CreateSourceRequest"""

    name: Required[Name]
    """Human-readable name."""
    type: Required[SourceTypeId]
    """Source plugin id, `<vendor>-<product>` (e.g. `gcp-pubsub`, `aws-sqs`, `kafka`)."""
    config: Required[SourceConfig]
    """Plugin configuration (subscription, queue, topic, …). Validated against the source type's `configSchema`; problems are named under `/body/config/…`."""
    credentials: SourceCredentials
    """Write-only broker credentials, validated against the source type's `credentialsSchema` (problems named under `/body/credentials/…`). Encrypted at rest and never returned."""
    workers: SourceWorkers
    """Concurrent pullers for this source."""
    format: SourceFormat
    """How a broker message becomes an event. `caravan`: the body is a `SendEventRequest` document. `convoy`: the body is a Convoy event (`event_type`, `data`, `endpoint_id`, `owner_id`, `custom_headers`, `idempotency_key`). `raw`: the whole body is the payload; event type and routing come from the message attributes named in `raw`."""
    raw: NullableRawFormatOptions
    """Options of the `raw` format (required when `format` is `raw`), otherwise `null`."""


class UpdateSourceRequest(TypedDict, total=False):
    """Fields to change; omitted fields keep their value. `type` cannot change. New `credentials` replace the old ones without a gap: the consumer with the new credentials starts before the old one stops. `credentials: null` removes stored credentials (e.g. to use the host's ambient identity). `config` is replaced as a whole."""

    name: Name
    """Human-readable name."""
    config: SourceConfig
    """Plugin configuration (subscription, queue, topic, …). Validated against the source type's `configSchema`; problems are named under `/body/config/…`."""
    credentials: Optional[SourceCredentials]
    """New credentials, or `null` to remove them."""
    workers: SourceWorkers
    """Concurrent pullers for this source."""
    format: SourceFormat
    """How a broker message becomes an event. `caravan`: the body is a `SendEventRequest` document. `convoy`: the body is a Convoy event (`event_type`, `data`, `endpoint_id`, `owner_id`, `custom_headers`, `idempotency_key`). `raw`: the whole body is the payload; event type and routing come from the message attributes named in `raw`."""
    raw: NullableRawFormatOptions
    """Options of the `raw` format (required when `format` is `raw`), otherwise `null`."""


class SourceList(TypedDict, total=False):
    """SourceList"""

    data: Required[List[Source]]
    nextCursor: Required[NextCursor]
    """Cursor for the next page, or `null` on the last page."""


class DeadLetterReason(TypedDict, total=False):
    """Why the message could not become an event, in the same terms as an ingest error."""

    code: Required[ErrorCode]
    """Stable machine-readable error code. The HTTP status is fixed per code:"""
    message: Required[str]
    errors: Required[List[FieldError]]
    """Invalid fields. Pointers start with `/body` (the message body) or `/attributes` (e.g. `/attributes/eventType` for a missing attribute of the `raw` format)."""


class DeadLetter(TypedDict, total=False):
    """A broker message a source could not turn into an event."""

    id: Required[DeadLetterId]
    """Dead letter id (`dl_` + ULID)."""
    sourceId: Required[SourceId]
    """Source id (`src_` + ULID)."""
    messageId: Required[str]
    """The broker's message id."""
    body: Required[str]
    """The message body, base64-encoded."""
    attributes: Required[Dict[str, str]]
    """The broker message's attributes."""
    reason: Required[DeadLetterReason]
    """Why the message could not become an event, in the same terms as an ingest error."""
    receivedAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    replayedAt: Required[NullableTimestamp]
    """RFC 3339 date-time in UTC, or `null`."""
    replayedEventId: Required[Optional[EventId]]
    """The event the last successful replay produced, or `null`."""


class DeadLetterList(TypedDict, total=False):
    """DeadLetterList"""

    data: Required[List[DeadLetter]]
    nextCursor: Required[NextCursor]
    """Cursor for the next page, or `null` on the last page."""


class SourceType(TypedDict, total=False):
    """An installed source plugin."""

    id: Required[SourceTypeId]
    """Source plugin id, `<vendor>-<product>` (e.g. `gcp-pubsub`, `aws-sqs`, `kafka`)."""
    apiVersion: Required[int]
    """Version of the `@caravan/source-api` contract the plugin implements."""
    displayName: Required[str]
    configSchema: Required[JsonSchemaDocument]
    """A JSON Schema (draft-07) for event payloads. The server checks that it is a valid schema and names the first problem (`/body/schema/properties/amount/type`)."""
    credentialsSchema: Required[JsonSchemaDocument]
    """A JSON Schema (draft-07) for event payloads. The server checks that it is a valid schema and names the first problem (`/body/schema/properties/amount/type`)."""


class SourceTypeList(TypedDict, total=False):
    """Every installed source plugin (not paginated)."""

    data: Required[List[SourceType]]


OperationalEventType = Literal["endpoint.disabled", "endpoint.recovered", "endpoint.breaker_opened", "delivery.exhausted"]
"""`endpoint.disabled`: Caravan disabled an endpoint. `endpoint.recovered`: a failing endpoint succeeded again. `endpoint.breaker_opened`: an endpoint's circuit breaker opened. `delivery.exhausted`: a delivery used up its retry schedule and is `failed`."""


class EndpointDisabledEvent(TypedDict, total=False):
    """EndpointDisabledEvent"""

    id: Required[OperationalEventId]
    """Operational event id (`oev_` + ULID)."""
    type: Required[Literal["endpoint.disabled"]]
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    data: Required[EndpointDisabledEventData]


class EndpointRecoveredEvent(TypedDict, total=False):
    """EndpointRecoveredEvent"""

    id: Required[OperationalEventId]
    """Operational event id (`oev_` + ULID)."""
    type: Required[Literal["endpoint.recovered"]]
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    data: Required[EndpointRecoveredEventData]


class EndpointBreakerOpenedEvent(TypedDict, total=False):
    """EndpointBreakerOpenedEvent"""

    id: Required[OperationalEventId]
    """Operational event id (`oev_` + ULID)."""
    type: Required[Literal["endpoint.breaker_opened"]]
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    data: Required[EndpointBreakerOpenedEventData]


class DeliveryExhaustedEvent(TypedDict, total=False):
    """DeliveryExhaustedEvent"""

    id: Required[OperationalEventId]
    """Operational event id (`oev_` + ULID)."""
    type: Required[Literal["delivery.exhausted"]]
    createdAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    data: Required[DeliveryExhaustedEventData]


OperationalEvent = Union["EndpointDisabledEvent", "EndpointRecoveredEvent", "EndpointBreakerOpenedEvent", "DeliveryExhaustedEvent"]
"""Something about the tenant's own endpoints that the tenant should know. Listed by `listOperationalEvents` and, when the tenant has an `operationsUrl`, also sent there as a signed webhook whose body is this object (`webhook-id` = `id`, HMAC-signed with the tenant's `operationsSecret`, the same headers and retries as any delivery)."""


class OperationalEventList(TypedDict, total=False):
    """OperationalEventList"""

    data: Required[List[OperationalEvent]]
    nextCursor: Required[NextCursor]
    """Cursor for the next page, or `null` on the last page."""


class EndpointDisabledEventData(TypedDict, total=False):
    """EndpointDisabledEventData"""

    endpointId: Required[EndpointId]
    """Endpoint id (`ep_` + ULID)."""
    ownerId: Required[NullableOwnerId]
    """`ownerId`, or `null` when not set."""
    reason: Required[Literal["continuous_failure", "gone"]]
    failingSince: Required[NullableTimestamp]
    """RFC 3339 date-time in UTC, or `null`."""
    lastError: Required[NullableAttemptError]
    """The error, or `null`."""


class EndpointRecoveredEventData(TypedDict, total=False):
    """EndpointRecoveredEventData"""

    endpointId: Required[EndpointId]
    """Endpoint id (`ep_` + ULID)."""
    ownerId: Required[NullableOwnerId]
    """`ownerId`, or `null` when not set."""
    failingSince: Required[Timestamp]
    """RFC 3339 date-time in UTC."""


class EndpointBreakerOpenedEventData(TypedDict, total=False):
    """EndpointBreakerOpenedEventData"""

    endpointId: Required[EndpointId]
    """Endpoint id (`ep_` + ULID)."""
    ownerId: Required[NullableOwnerId]
    """`ownerId`, or `null` when not set."""
    nextProbeAt: Required[Timestamp]
    """RFC 3339 date-time in UTC."""
    lastError: Required[NullableAttemptError]
    """The error, or `null`."""


class DeliveryExhaustedEventData(TypedDict, total=False):
    """DeliveryExhaustedEventData"""

    deliveryId: Required[DeliveryId]
    """Delivery id (`dlv_` + ULID)."""
    eventId: Required[EventId]
    """Event id (`evt_` + ULID). It is also the `webhook-id` header of every request that delivers the event."""
    eventType: Required[EventTypeName]
    """Event type name: dot-separated segments of letters, digits, `_` and `-` (e.g. `invoice.paid`)."""
    endpointId: Required[EndpointId]
    """Endpoint id (`ep_` + ULID)."""
    ownerId: Required[NullableOwnerId]
    """`ownerId`, or `null` when not set."""
    attemptCount: Required[int]
    lastStatusCode: Required[NullableStatusCode]
    """HTTP status the receiver answered, or `null` when no answer arrived."""
    lastError: Required[NullableAttemptError]
    """The error, or `null`."""
