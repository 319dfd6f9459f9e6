/**
 * @generated from openapi/caravan.yaml by scripts/generate-sdk.js — do not edit; run `npm run generate`.
 */
import type { HttpClient } from '../core/HttpClient.js';
import type { PagePromise } from '../core/PagePromise.js';
import type { ListItem, QueryParams, RequestBody, RequestOptions, SuccessBody } from '../core/types.js';
import type { components, operations } from './openapi.js';

export type ErrorCode = components['schemas']['ErrorCode'];
export type FieldError = components['schemas']['FieldError'];
export type Problem = components['schemas']['Problem'];
export type TenantId = components['schemas']['TenantId'];
export type ApiKeyId = components['schemas']['ApiKeyId'];
export type EndpointId = components['schemas']['EndpointId'];
export type SecretId = components['schemas']['SecretId'];
export type EventId = components['schemas']['EventId'];
export type DeliveryId = components['schemas']['DeliveryId'];
export type AttemptId = components['schemas']['AttemptId'];
export type JobId = components['schemas']['JobId'];
export type SourceId = components['schemas']['SourceId'];
export type DeadLetterId = components['schemas']['DeadLetterId'];
export type EgressPoolId = components['schemas']['EgressPoolId'];
export type OperationalEventId = components['schemas']['OperationalEventId'];
export type SourceTypeId = components['schemas']['SourceTypeId'];
export type DestinationTypeId = components['schemas']['DestinationTypeId'];
export type EventTypeName = components['schemas']['EventTypeName'];
export type EventTypePattern = components['schemas']['EventTypePattern'];
export type OwnerId = components['schemas']['OwnerId'];
export type NullableOwnerId = components['schemas']['NullableOwnerId'];
export type Name = components['schemas']['Name'];
export type Description = components['schemas']['Description'];
export type Timestamp = components['schemas']['Timestamp'];
export type NullableTimestamp = components['schemas']['NullableTimestamp'];
export type NextCursor = components['schemas']['NextCursor'];
export type HttpsUrl = components['schemas']['HttpsUrl'];
export type EndpointUrl = components['schemas']['EndpointUrl'];
export type IpAddress = components['schemas']['IpAddress'];
export type CustomHeaders = components['schemas']['CustomHeaders'];
export type TenantLimits = components['schemas']['TenantLimits'];
export type TenantLimitsPatch = components['schemas']['TenantLimitsPatch'];
export type NullableEgressPoolId = components['schemas']['NullableEgressPoolId'];
export type NullableHttpsUrl = components['schemas']['NullableHttpsUrl'];
export type SigningSecret = components['schemas']['SigningSecret'];
export type HmacSecret = components['schemas']['HmacSecret'];
export type Tenant = components['schemas']['Tenant'];
export type TenantUsage = components['schemas']['TenantUsage'];
export type OwnTenant = components['schemas']['OwnTenant'];
export type CreateTenantRequest = components['schemas']['CreateTenantRequest'];
export type UpdateTenantRequest = components['schemas']['UpdateTenantRequest'];
export type UpdateOwnTenantRequest = components['schemas']['UpdateOwnTenantRequest'];
export type TenantList = components['schemas']['TenantList'];
export type ApiKeyPrefix = components['schemas']['ApiKeyPrefix'];
export type NullableName = components['schemas']['NullableName'];
export type ApiKey = components['schemas']['ApiKey'];
export type ApiKeyCreated = components['schemas']['ApiKeyCreated'];
export type CreateApiKeyRequest = components['schemas']['CreateApiKeyRequest'];
export type UpdateApiKeyRequest = components['schemas']['UpdateApiKeyRequest'];
export type ApiKeyList = components['schemas']['ApiKeyList'];
export type EgressPoolMode = components['schemas']['EgressPoolMode'];
export type EgressAddresses = components['schemas']['EgressAddresses'];
export type PublicIps = components['schemas']['PublicIps'];
export type TenantIds = components['schemas']['TenantIds'];
export type EgressPool = components['schemas']['EgressPool'];
export type CreateEgressPoolRequest = components['schemas']['CreateEgressPoolRequest'];
export type UpdateEgressPoolRequest = components['schemas']['UpdateEgressPoolRequest'];
export type EgressPoolList = components['schemas']['EgressPoolList'];
export type TenantEgressPool = components['schemas']['TenantEgressPool'];
export type TenantEgressPoolList = components['schemas']['TenantEgressPoolList'];
export type TenantStatsBucket = components['schemas']['TenantStatsBucket'];
export type TenantStats = components['schemas']['TenantStats'];
export type CreatePortalTokenRequest = components['schemas']['CreatePortalTokenRequest'];
export type PortalToken = components['schemas']['PortalToken'];
export type EventTypePatterns = components['schemas']['EventTypePatterns'];
export type EndpointFilter = components['schemas']['EndpointFilter'];
export type NullableEndpointFilter = components['schemas']['NullableEndpointFilter'];
export type RateLimit = components['schemas']['RateLimit'];
export type NullableRateLimit = components['schemas']['NullableRateLimit'];
export type NullableMaxConcurrency = components['schemas']['NullableMaxConcurrency'];
export type TimeoutMs = components['schemas']['TimeoutMs'];
export type RetrySchedule = components['schemas']['RetrySchedule'];
export type NullableRetrySchedule = components['schemas']['NullableRetrySchedule'];
export type SigningScheme = components['schemas']['SigningScheme'];
export type PayloadFormat = components['schemas']['PayloadFormat'];
export type SendTraceparent = components['schemas']['SendTraceparent'];
export type PublicKey = components['schemas']['PublicKey'];
export type NullablePublicKey = components['schemas']['NullablePublicKey'];
export type ReturnedSecret = components['schemas']['ReturnedSecret'];
export type EndpointStatus = components['schemas']['EndpointStatus'];
export type NullableDisabledReason = components['schemas']['NullableDisabledReason'];
export type NullableDescription = components['schemas']['NullableDescription'];
export type Endpoint = components['schemas']['Endpoint'];
export type EndpointCreated = components['schemas']['EndpointCreated'];
export type CreateEndpointRequest = components['schemas']['CreateEndpointRequest'];
export type UpdateEndpointRequest = components['schemas']['UpdateEndpointRequest'];
export type EndpointDestination = components['schemas']['EndpointDestination'];
export type EndpointDestinationInput = components['schemas']['EndpointDestinationInput'];
export type DestinationConfig = components['schemas']['DestinationConfig'];
export type DestinationCredentials = components['schemas']['DestinationCredentials'];
export type DestinationType = components['schemas']['DestinationType'];
export type DestinationTypeList = components['schemas']['DestinationTypeList'];
export type EndpointList = components['schemas']['EndpointList'];
export type EndpointSecret = components['schemas']['EndpointSecret'];
export type EndpointSecretList = components['schemas']['EndpointSecretList'];
export type RotateEndpointSecretRequest = components['schemas']['RotateEndpointSecretRequest'];
export type RotatedEndpointSecret = components['schemas']['RotatedEndpointSecret'];
export type RecoverEndpointRequest = components['schemas']['RecoverEndpointRequest'];
export type BreakerState = components['schemas']['BreakerState'];
export type HealthError = components['schemas']['HealthError'];
export type EndpointHealth = components['schemas']['EndpointHealth'];
export type JsonSchemaDocument = components['schemas']['JsonSchemaDocument'];
export type NullableJsonSchemaDocument = components['schemas']['NullableJsonSchemaDocument'];
export type EventType = components['schemas']['EventType'];
export type CreateEventTypeRequest = components['schemas']['CreateEventTypeRequest'];
export type UpdateEventTypeRequest = components['schemas']['UpdateEventTypeRequest'];
export type EventTypeList = components['schemas']['EventTypeList'];
export type IdempotencyKeyValue = components['schemas']['IdempotencyKeyValue'];
export type SendEventRequest = components['schemas']['SendEventRequest'];
export type SendEventResponse = components['schemas']['SendEventResponse'];
export type SendEventBatchRequest = components['schemas']['SendEventBatchRequest'];
export type SendEventBatchResponse = components['schemas']['SendEventBatchResponse'];
export type NullableEndpointId = components['schemas']['NullableEndpointId'];
export type NullableSourceId = components['schemas']['NullableSourceId'];
export type NullableIdempotencyKey = components['schemas']['NullableIdempotencyKey'];
export type EventSummary = components['schemas']['EventSummary'];
export type EventHeaders = components['schemas']['EventHeaders'];
export type Event = components['schemas']['Event'];
export type EventList = components['schemas']['EventList'];
export type DeliveryStatus = components['schemas']['DeliveryStatus'];
export type AttemptErrorCode = components['schemas']['AttemptErrorCode'];
export type AttemptError = components['schemas']['AttemptError'];
export type NullableAttemptError = components['schemas']['NullableAttemptError'];
export type NullableStatusCode = components['schemas']['NullableStatusCode'];
export type Delivery = components['schemas']['Delivery'];
export type DeliveryList = components['schemas']['DeliveryList'];
export type HeaderMap = components['schemas']['HeaderMap'];
export type Attempt = components['schemas']['Attempt'];
export type AttemptList = components['schemas']['AttemptList'];
export type BulkRetryRequest = components['schemas']['BulkRetryRequest'];
export type Job = components['schemas']['Job'];
export type JobError = components['schemas']['JobError'];
export type SourceFormat = components['schemas']['SourceFormat'];
export type AttributeName = components['schemas']['AttributeName'];
export type RawFormatOptions = components['schemas']['RawFormatOptions'];
export type NullableRawFormatOptions = components['schemas']['NullableRawFormatOptions'];
export type SourceConfig = components['schemas']['SourceConfig'];
export type SourceCredentials = components['schemas']['SourceCredentials'];
export type SourceWorkers = components['schemas']['SourceWorkers'];
export type SourceState = components['schemas']['SourceState'];
export type SourceMetrics = components['schemas']['SourceMetrics'];
export type SourceError = components['schemas']['SourceError'];
export type SourceStatus = components['schemas']['SourceStatus'];
export type Source = components['schemas']['Source'];
export type CreateSourceRequest = components['schemas']['CreateSourceRequest'];
export type UpdateSourceRequest = components['schemas']['UpdateSourceRequest'];
export type SourceList = components['schemas']['SourceList'];
export type DeadLetterReason = components['schemas']['DeadLetterReason'];
export type DeadLetter = components['schemas']['DeadLetter'];
export type DeadLetterList = components['schemas']['DeadLetterList'];
export type SourceType = components['schemas']['SourceType'];
export type SourceTypeList = components['schemas']['SourceTypeList'];
export type OperationalEventType = components['schemas']['OperationalEventType'];
export type EndpointDisabledEvent = components['schemas']['EndpointDisabledEvent'];
export type EndpointRecoveredEvent = components['schemas']['EndpointRecoveredEvent'];
export type EndpointBreakerOpenedEvent = components['schemas']['EndpointBreakerOpenedEvent'];
export type DeliveryExhaustedEvent = components['schemas']['DeliveryExhaustedEvent'];
export type OperationalEvent = components['schemas']['OperationalEvent'];
export type OperationalEventList = components['schemas']['OperationalEventList'];

/** Admin key. The operator creates and manages tenants and their limits. */
export class TenantsResource {
  constructor(private readonly client: HttpClient) {}

  /** List tenants. `GET /v1/tenants` (`listTenants`) */
  list(
    query?: QueryParams<operations['listTenants']>,
    options?: RequestOptions,
  ): PagePromise<ListItem<operations['listTenants']>> {
    return this.client.paginate<ListItem<operations['listTenants']>>(
      { operationId: 'listTenants', method: 'GET', path: '/v1/tenants' },
      query,
      options,
    );
  }

  /** Create a tenant. `POST /v1/tenants` (`createTenant`) */
  create(
    body: RequestBody<operations['createTenant']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['createTenant']>> {
    return this.client.request<SuccessBody<operations['createTenant']>>(
      { operationId: 'createTenant', method: 'POST', path: '/v1/tenants', body, idempotencyHeader: true },
      options,
    );
  }

  /** Get a tenant. `GET /v1/tenants/{tenantId}` (`getTenant`) */
  get(tenantId: string, options?: RequestOptions): Promise<SuccessBody<operations['getTenant']>> {
    return this.client.request<SuccessBody<operations['getTenant']>>(
      { operationId: 'getTenant', method: 'GET', path: `/v1/tenants/${encodeURIComponent(tenantId)}` },
      options,
    );
  }

  /** Update a tenant. `PATCH /v1/tenants/{tenantId}` (`updateTenant`) */
  update(
    tenantId: string,
    body: RequestBody<operations['updateTenant']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['updateTenant']>> {
    return this.client.request<SuccessBody<operations['updateTenant']>>(
      {
        operationId: 'updateTenant',
        method: 'PATCH',
        path: `/v1/tenants/${encodeURIComponent(tenantId)}`,
        body,
      },
      options,
    );
  }

  /** Delete a tenant. `DELETE /v1/tenants/{tenantId}` (`deleteTenant`) */
  delete(tenantId: string, options?: RequestOptions): Promise<void> {
    return this.client.request<void>(
      { operationId: 'deleteTenant', method: 'DELETE', path: `/v1/tenants/${encodeURIComponent(tenantId)}` },
      options,
    );
  }
}

/** Admin key. Tenant API keys: shown once, stored as a hash, listed by prefix, revocable, expirable. */
export class ApiKeysResource {
  constructor(private readonly client: HttpClient) {}

  /** List a tenant's API keys. `GET /v1/tenants/{tenantId}/api-keys` (`listApiKeys`) */
  list(
    tenantId: string,
    query?: QueryParams<operations['listApiKeys']>,
    options?: RequestOptions,
  ): PagePromise<ListItem<operations['listApiKeys']>> {
    return this.client.paginate<ListItem<operations['listApiKeys']>>(
      {
        operationId: 'listApiKeys',
        method: 'GET',
        path: `/v1/tenants/${encodeURIComponent(tenantId)}/api-keys`,
      },
      query,
      options,
    );
  }

  /** Create a tenant API key. `POST /v1/tenants/{tenantId}/api-keys` (`createApiKey`) */
  create(
    tenantId: string,
    body?: RequestBody<operations['createApiKey']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['createApiKey']>> {
    return this.client.request<SuccessBody<operations['createApiKey']>>(
      {
        operationId: 'createApiKey',
        method: 'POST',
        path: `/v1/tenants/${encodeURIComponent(tenantId)}/api-keys`,
        body,
        idempotencyHeader: true,
      },
      options,
    );
  }

  /** Rename a key or set its expiry. `PATCH /v1/tenants/{tenantId}/api-keys/{keyId}` (`updateApiKey`) */
  update(
    tenantId: string,
    keyId: string,
    body: RequestBody<operations['updateApiKey']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['updateApiKey']>> {
    return this.client.request<SuccessBody<operations['updateApiKey']>>(
      {
        operationId: 'updateApiKey',
        method: 'PATCH',
        path: `/v1/tenants/${encodeURIComponent(tenantId)}/api-keys/${encodeURIComponent(keyId)}`,
        body,
      },
      options,
    );
  }

  /** Revoke a key. `DELETE /v1/tenants/{tenantId}/api-keys/{keyId}` (`revokeApiKey`) */
  revoke(tenantId: string, keyId: string, options?: RequestOptions): Promise<void> {
    return this.client.request<void>(
      {
        operationId: 'revokeApiKey',
        method: 'DELETE',
        path: `/v1/tenants/${encodeURIComponent(tenantId)}/api-keys/${encodeURIComponent(keyId)}`,
      },
      options,
    );
  }
}

/** Admin key. Sets of outbound addresses with the public IPs receivers allowlist. */
export class EgressPoolsResource {
  constructor(private readonly client: HttpClient) {}

  /** List egress pools. `GET /v1/egress-pools` (`listEgressPools`) */
  list(
    query?: QueryParams<operations['listEgressPools']>,
    options?: RequestOptions,
  ): PagePromise<ListItem<operations['listEgressPools']>> {
    return this.client.paginate<ListItem<operations['listEgressPools']>>(
      { operationId: 'listEgressPools', method: 'GET', path: '/v1/egress-pools' },
      query,
      options,
    );
  }

  /** Create an egress pool. `POST /v1/egress-pools` (`createEgressPool`) */
  create(
    body: RequestBody<operations['createEgressPool']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['createEgressPool']>> {
    return this.client.request<SuccessBody<operations['createEgressPool']>>(
      {
        operationId: 'createEgressPool',
        method: 'POST',
        path: '/v1/egress-pools',
        body,
        idempotencyHeader: true,
      },
      options,
    );
  }

  /** Get an egress pool. `GET /v1/egress-pools/{poolId}` (`getEgressPool`) */
  get(poolId: string, options?: RequestOptions): Promise<SuccessBody<operations['getEgressPool']>> {
    return this.client.request<SuccessBody<operations['getEgressPool']>>(
      { operationId: 'getEgressPool', method: 'GET', path: `/v1/egress-pools/${encodeURIComponent(poolId)}` },
      options,
    );
  }

  /** Update an egress pool. `PATCH /v1/egress-pools/{poolId}` (`updateEgressPool`) */
  update(
    poolId: string,
    body: RequestBody<operations['updateEgressPool']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['updateEgressPool']>> {
    return this.client.request<SuccessBody<operations['updateEgressPool']>>(
      {
        operationId: 'updateEgressPool',
        method: 'PATCH',
        path: `/v1/egress-pools/${encodeURIComponent(poolId)}`,
        body,
      },
      options,
    );
  }

  /** Delete an egress pool. `DELETE /v1/egress-pools/{poolId}` (`deleteEgressPool`) */
  delete(poolId: string, options?: RequestOptions): Promise<void> {
    return this.client.request<void>(
      {
        operationId: 'deleteEgressPool',
        method: 'DELETE',
        path: `/v1/egress-pools/${encodeURIComponent(poolId)}`,
      },
      options,
    );
  }
}

/** Tenant key. The caller's own tenant: limits, usage, API keys, operations URL, default egress pool, allowed pools, portal tokens. */
export class TenantResource {
  constructor(private readonly client: HttpClient) {}

  /** Get your tenant. `GET /v1/tenant` (`getOwnTenant`) */
  get(options?: RequestOptions): Promise<SuccessBody<operations['getOwnTenant']>> {
    return this.client.request<SuccessBody<operations['getOwnTenant']>>(
      { operationId: 'getOwnTenant', method: 'GET', path: '/v1/tenant' },
      options,
    );
  }

  /** Update your tenant's settings. `PATCH /v1/tenant` (`updateOwnTenant`) */
  update(
    body: RequestBody<operations['updateOwnTenant']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['updateOwnTenant']>> {
    return this.client.request<SuccessBody<operations['updateOwnTenant']>>(
      { operationId: 'updateOwnTenant', method: 'PATCH', path: '/v1/tenant', body },
      options,
    );
  }

  /** List the egress pools you may use. `GET /v1/tenant/egress-pools` (`listTenantEgressPools`) */
  listEgressPools(
    query?: QueryParams<operations['listTenantEgressPools']>,
    options?: RequestOptions,
  ): PagePromise<ListItem<operations['listTenantEgressPools']>> {
    return this.client.paginate<ListItem<operations['listTenantEgressPools']>>(
      { operationId: 'listTenantEgressPools', method: 'GET', path: '/v1/tenant/egress-pools' },
      query,
      options,
    );
  }

  /** Get your tenant's event and delivery counts over time. `GET /v1/tenant/stats` (`getTenantStats`) */
  getStats(
    query?: QueryParams<operations['getTenantStats']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['getTenantStats']>> {
    return this.client.request<SuccessBody<operations['getTenantStats']>>(
      { operationId: 'getTenantStats', method: 'GET', path: '/v1/tenant/stats', query },
      options,
    );
  }

  /** Mint a customer portal token for one owner. `POST /v1/tenant/portal-tokens` (`createPortalToken`) */
  createPortalToken(
    body: RequestBody<operations['createPortalToken']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['createPortalToken']>> {
    return this.client.request<SuccessBody<operations['createPortalToken']>>(
      { operationId: 'createPortalToken', method: 'POST', path: '/v1/tenant/portal-tokens', body },
      options,
    );
  }

  /** List your tenant's API keys. `GET /v1/tenant/api-keys` (`listTenantApiKeys`) */
  listApiKeys(
    query?: QueryParams<operations['listTenantApiKeys']>,
    options?: RequestOptions,
  ): PagePromise<ListItem<operations['listTenantApiKeys']>> {
    return this.client.paginate<ListItem<operations['listTenantApiKeys']>>(
      { operationId: 'listTenantApiKeys', method: 'GET', path: '/v1/tenant/api-keys' },
      query,
      options,
    );
  }

  /** Create an API key for your tenant. `POST /v1/tenant/api-keys` (`createTenantApiKey`) */
  createApiKey(
    body?: RequestBody<operations['createTenantApiKey']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['createTenantApiKey']>> {
    return this.client.request<SuccessBody<operations['createTenantApiKey']>>(
      {
        operationId: 'createTenantApiKey',
        method: 'POST',
        path: '/v1/tenant/api-keys',
        body,
        idempotencyHeader: true,
      },
      options,
    );
  }

  /** Revoke one of your tenant's API keys. `DELETE /v1/tenant/api-keys/{keyId}` (`revokeTenantApiKey`) */
  revokeApiKey(keyId: string, options?: RequestOptions): Promise<void> {
    return this.client.request<void>(
      {
        operationId: 'revokeTenantApiKey',
        method: 'DELETE',
        path: `/v1/tenant/api-keys/${encodeURIComponent(keyId)}`,
      },
      options,
    );
  }
}

/** Tenant key. Receiver URLs of the tenant's customers, their secrets, health and controls. */
export class EndpointsResource {
  constructor(private readonly client: HttpClient) {}

  /** List endpoints. `GET /v1/endpoints` (`listEndpoints`) */
  list(
    query?: QueryParams<operations['listEndpoints']>,
    options?: RequestOptions,
  ): PagePromise<ListItem<operations['listEndpoints']>> {
    return this.client.paginate<ListItem<operations['listEndpoints']>>(
      { operationId: 'listEndpoints', method: 'GET', path: '/v1/endpoints' },
      query,
      options,
    );
  }

  /** Create an endpoint. `POST /v1/endpoints` (`createEndpoint`) */
  create(
    body: RequestBody<operations['createEndpoint']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['createEndpoint']>> {
    return this.client.request<SuccessBody<operations['createEndpoint']>>(
      { operationId: 'createEndpoint', method: 'POST', path: '/v1/endpoints', body, idempotencyHeader: true },
      options,
    );
  }

  /** Get an endpoint. `GET /v1/endpoints/{endpointId}` (`getEndpoint`) */
  get(endpointId: string, options?: RequestOptions): Promise<SuccessBody<operations['getEndpoint']>> {
    return this.client.request<SuccessBody<operations['getEndpoint']>>(
      { operationId: 'getEndpoint', method: 'GET', path: `/v1/endpoints/${encodeURIComponent(endpointId)}` },
      options,
    );
  }

  /** Update an endpoint. `PATCH /v1/endpoints/{endpointId}` (`updateEndpoint`) */
  update(
    endpointId: string,
    body: RequestBody<operations['updateEndpoint']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['updateEndpoint']>> {
    return this.client.request<SuccessBody<operations['updateEndpoint']>>(
      {
        operationId: 'updateEndpoint',
        method: 'PATCH',
        path: `/v1/endpoints/${encodeURIComponent(endpointId)}`,
        body,
      },
      options,
    );
  }

  /** Delete an endpoint. `DELETE /v1/endpoints/{endpointId}` (`deleteEndpoint`) */
  delete(endpointId: string, options?: RequestOptions): Promise<void> {
    return this.client.request<void>(
      {
        operationId: 'deleteEndpoint',
        method: 'DELETE',
        path: `/v1/endpoints/${encodeURIComponent(endpointId)}`,
      },
      options,
    );
  }

  /** List an endpoint's live secrets. `GET /v1/endpoints/{endpointId}/secrets` (`listEndpointSecrets`) */
  listSecrets(
    endpointId: string,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['listEndpointSecrets']>> {
    return this.client.request<SuccessBody<operations['listEndpointSecrets']>>(
      {
        operationId: 'listEndpointSecrets',
        method: 'GET',
        path: `/v1/endpoints/${encodeURIComponent(endpointId)}/secrets`,
      },
      options,
    );
  }

  /** Rotate an endpoint's signing secret. `POST /v1/endpoints/{endpointId}/secret/rotate` (`rotateEndpointSecret`) */
  rotateSecret(
    endpointId: string,
    body?: RequestBody<operations['rotateEndpointSecret']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['rotateEndpointSecret']>> {
    return this.client.request<SuccessBody<operations['rotateEndpointSecret']>>(
      {
        operationId: 'rotateEndpointSecret',
        method: 'POST',
        path: `/v1/endpoints/${encodeURIComponent(endpointId)}/secret/rotate`,
        body,
        idempotencyHeader: true,
      },
      options,
    );
  }

  /** Pause an endpoint. `POST /v1/endpoints/{endpointId}/pause` (`pauseEndpoint`) */
  pause(endpointId: string, options?: RequestOptions): Promise<SuccessBody<operations['pauseEndpoint']>> {
    return this.client.request<SuccessBody<operations['pauseEndpoint']>>(
      {
        operationId: 'pauseEndpoint',
        method: 'POST',
        path: `/v1/endpoints/${encodeURIComponent(endpointId)}/pause`,
      },
      options,
    );
  }

  /** Resume a paused or disabled endpoint. `POST /v1/endpoints/{endpointId}/resume` (`resumeEndpoint`) */
  resume(endpointId: string, options?: RequestOptions): Promise<SuccessBody<operations['resumeEndpoint']>> {
    return this.client.request<SuccessBody<operations['resumeEndpoint']>>(
      {
        operationId: 'resumeEndpoint',
        method: 'POST',
        path: `/v1/endpoints/${encodeURIComponent(endpointId)}/resume`,
      },
      options,
    );
  }

  /** Resend an endpoint's failed deliveries since a time. `POST /v1/endpoints/{endpointId}/recover` (`recoverEndpoint`) */
  recover(
    endpointId: string,
    body: RequestBody<operations['recoverEndpoint']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['recoverEndpoint']>> {
    return this.client.request<SuccessBody<operations['recoverEndpoint']>>(
      {
        operationId: 'recoverEndpoint',
        method: 'POST',
        path: `/v1/endpoints/${encodeURIComponent(endpointId)}/recover`,
        body,
        idempotencyHeader: true,
      },
      options,
    );
  }

  /** Get an endpoint's health. `GET /v1/endpoints/{endpointId}/health` (`getEndpointHealth`) */
  getHealth(
    endpointId: string,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['getEndpointHealth']>> {
    return this.client.request<SuccessBody<operations['getEndpointHealth']>>(
      {
        operationId: 'getEndpointHealth',
        method: 'GET',
        path: `/v1/endpoints/${encodeURIComponent(endpointId)}/health`,
      },
      options,
    );
  }
}

/** Tenant key. Named event types with an optional JSON Schema that ingest enforces. */
export class EventTypesResource {
  constructor(private readonly client: HttpClient) {}

  /** List event types. `GET /v1/event-types` (`listEventTypes`) */
  list(
    query?: QueryParams<operations['listEventTypes']>,
    options?: RequestOptions,
  ): PagePromise<ListItem<operations['listEventTypes']>> {
    return this.client.paginate<ListItem<operations['listEventTypes']>>(
      { operationId: 'listEventTypes', method: 'GET', path: '/v1/event-types' },
      query,
      options,
    );
  }

  /** Create an event type. `POST /v1/event-types` (`createEventType`) */
  create(
    body: RequestBody<operations['createEventType']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['createEventType']>> {
    return this.client.request<SuccessBody<operations['createEventType']>>(
      {
        operationId: 'createEventType',
        method: 'POST',
        path: '/v1/event-types',
        body,
        idempotencyHeader: true,
      },
      options,
    );
  }

  /** Get an event type. `GET /v1/event-types/{eventTypeName}` (`getEventType`) */
  get(eventTypeName: string, options?: RequestOptions): Promise<SuccessBody<operations['getEventType']>> {
    return this.client.request<SuccessBody<operations['getEventType']>>(
      {
        operationId: 'getEventType',
        method: 'GET',
        path: `/v1/event-types/${encodeURIComponent(eventTypeName)}`,
      },
      options,
    );
  }

  /** Update an event type. `PATCH /v1/event-types/{eventTypeName}` (`updateEventType`) */
  update(
    eventTypeName: string,
    body: RequestBody<operations['updateEventType']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['updateEventType']>> {
    return this.client.request<SuccessBody<operations['updateEventType']>>(
      {
        operationId: 'updateEventType',
        method: 'PATCH',
        path: `/v1/event-types/${encodeURIComponent(eventTypeName)}`,
        body,
      },
      options,
    );
  }

  /** Delete an event type. `DELETE /v1/event-types/{eventTypeName}` (`deleteEventType`) */
  delete(eventTypeName: string, options?: RequestOptions): Promise<void> {
    return this.client.request<void>(
      {
        operationId: 'deleteEventType',
        method: 'DELETE',
        path: `/v1/event-types/${encodeURIComponent(eventTypeName)}`,
      },
      options,
    );
  }
}

/** Tenant key. Ingest (single and batch), inspect and replay events. */
export class EventsResource {
  constructor(private readonly client: HttpClient) {}

  /** List events. `GET /v1/events` (`listEvents`) */
  list(
    query?: QueryParams<operations['listEvents']>,
    options?: RequestOptions,
  ): PagePromise<ListItem<operations['listEvents']>> {
    return this.client.paginate<ListItem<operations['listEvents']>>(
      { operationId: 'listEvents', method: 'GET', path: '/v1/events' },
      query,
      options,
    );
  }

  /** Send an event. `POST /v1/events` (`sendEvent`) */
  send(
    body: RequestBody<operations['sendEvent']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['sendEvent']>> {
    return this.client.request<SuccessBody<operations['sendEvent']>>(
      { operationId: 'sendEvent', method: 'POST', path: '/v1/events', body, bodyKey: 'event' },
      options,
    );
  }

  /** Send up to 500 events. `POST /v1/events/batch` (`sendEventBatch`) */
  sendBatch(
    body: RequestBody<operations['sendEventBatch']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['sendEventBatch']>> {
    return this.client.request<SuccessBody<operations['sendEventBatch']>>(
      { operationId: 'sendEventBatch', method: 'POST', path: '/v1/events/batch', body, bodyKey: 'batch' },
      options,
    );
  }

  /** Get an event with its deliveries. `GET /v1/events/{eventId}` (`getEvent`) */
  get(eventId: string, options?: RequestOptions): Promise<SuccessBody<operations['getEvent']>> {
    return this.client.request<SuccessBody<operations['getEvent']>>(
      { operationId: 'getEvent', method: 'GET', path: `/v1/events/${encodeURIComponent(eventId)}` },
      options,
    );
  }

  /** Replay an event. `POST /v1/events/{eventId}/replay` (`replayEvent`) */
  replay(eventId: string, options?: RequestOptions): Promise<SuccessBody<operations['replayEvent']>> {
    return this.client.request<SuccessBody<operations['replayEvent']>>(
      {
        operationId: 'replayEvent',
        method: 'POST',
        path: `/v1/events/${encodeURIComponent(eventId)}/replay`,
        idempotencyHeader: true,
      },
      options,
    );
  }
}

/** Tenant key. Deliveries (one per event and endpoint), their attempts, and retries. */
export class DeliveriesResource {
  constructor(private readonly client: HttpClient) {}

  /** List deliveries. `GET /v1/deliveries` (`listDeliveries`) */
  list(
    query?: QueryParams<operations['listDeliveries']>,
    options?: RequestOptions,
  ): PagePromise<ListItem<operations['listDeliveries']>> {
    return this.client.paginate<ListItem<operations['listDeliveries']>>(
      { operationId: 'listDeliveries', method: 'GET', path: '/v1/deliveries' },
      query,
      options,
    );
  }

  /** Retry every delivery that matches a filter. `POST /v1/deliveries/bulk-retry` (`bulkRetryDeliveries`) */
  bulkRetry(
    body: RequestBody<operations['bulkRetryDeliveries']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['bulkRetryDeliveries']>> {
    return this.client.request<SuccessBody<operations['bulkRetryDeliveries']>>(
      {
        operationId: 'bulkRetryDeliveries',
        method: 'POST',
        path: '/v1/deliveries/bulk-retry',
        body,
        idempotencyHeader: true,
      },
      options,
    );
  }

  /** Get a delivery. `GET /v1/deliveries/{deliveryId}` (`getDelivery`) */
  get(deliveryId: string, options?: RequestOptions): Promise<SuccessBody<operations['getDelivery']>> {
    return this.client.request<SuccessBody<operations['getDelivery']>>(
      { operationId: 'getDelivery', method: 'GET', path: `/v1/deliveries/${encodeURIComponent(deliveryId)}` },
      options,
    );
  }

  /** List a delivery's attempts. `GET /v1/deliveries/{deliveryId}/attempts` (`listDeliveryAttempts`) */
  listAttempts(
    deliveryId: string,
    query?: QueryParams<operations['listDeliveryAttempts']>,
    options?: RequestOptions,
  ): PagePromise<ListItem<operations['listDeliveryAttempts']>> {
    return this.client.paginate<ListItem<operations['listDeliveryAttempts']>>(
      {
        operationId: 'listDeliveryAttempts',
        method: 'GET',
        path: `/v1/deliveries/${encodeURIComponent(deliveryId)}/attempts`,
      },
      query,
      options,
    );
  }

  /** Retry a delivery now. `POST /v1/deliveries/{deliveryId}/retry` (`retryDelivery`) */
  retry(deliveryId: string, options?: RequestOptions): Promise<SuccessBody<operations['retryDelivery']>> {
    return this.client.request<SuccessBody<operations['retryDelivery']>>(
      {
        operationId: 'retryDelivery',
        method: 'POST',
        path: `/v1/deliveries/${encodeURIComponent(deliveryId)}/retry`,
        idempotencyHeader: true,
      },
      options,
    );
  }
}

/** Tenant key. Progress of background work (bulk retry, recover, replay). */
export class JobsResource {
  constructor(private readonly client: HttpClient) {}

  /** Get a job's progress. `GET /v1/jobs/{jobId}` (`getJob`) */
  get(jobId: string, options?: RequestOptions): Promise<SuccessBody<operations['getJob']>> {
    return this.client.request<SuccessBody<operations['getJob']>>(
      { operationId: 'getJob', method: 'GET', path: `/v1/jobs/${encodeURIComponent(jobId)}` },
      options,
    );
  }
}

/** Tenant key. Broker subscriptions Caravan pulls events from, and their dead letters. */
export class SourcesResource {
  constructor(private readonly client: HttpClient) {}

  /** List sources. `GET /v1/sources` (`listSources`) */
  list(
    query?: QueryParams<operations['listSources']>,
    options?: RequestOptions,
  ): PagePromise<ListItem<operations['listSources']>> {
    return this.client.paginate<ListItem<operations['listSources']>>(
      { operationId: 'listSources', method: 'GET', path: '/v1/sources' },
      query,
      options,
    );
  }

  /** Create a source. `POST /v1/sources` (`createSource`) */
  create(
    body: RequestBody<operations['createSource']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['createSource']>> {
    return this.client.request<SuccessBody<operations['createSource']>>(
      { operationId: 'createSource', method: 'POST', path: '/v1/sources', body, idempotencyHeader: true },
      options,
    );
  }

  /** Get a source with its status. `GET /v1/sources/{sourceId}` (`getSource`) */
  get(sourceId: string, options?: RequestOptions): Promise<SuccessBody<operations['getSource']>> {
    return this.client.request<SuccessBody<operations['getSource']>>(
      { operationId: 'getSource', method: 'GET', path: `/v1/sources/${encodeURIComponent(sourceId)}` },
      options,
    );
  }

  /** Update a source. `PATCH /v1/sources/{sourceId}` (`updateSource`) */
  update(
    sourceId: string,
    body: RequestBody<operations['updateSource']>,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['updateSource']>> {
    return this.client.request<SuccessBody<operations['updateSource']>>(
      {
        operationId: 'updateSource',
        method: 'PATCH',
        path: `/v1/sources/${encodeURIComponent(sourceId)}`,
        body,
      },
      options,
    );
  }

  /** Delete a source. `DELETE /v1/sources/{sourceId}` (`deleteSource`) */
  delete(sourceId: string, options?: RequestOptions): Promise<void> {
    return this.client.request<void>(
      { operationId: 'deleteSource', method: 'DELETE', path: `/v1/sources/${encodeURIComponent(sourceId)}` },
      options,
    );
  }

  /** Pause a source. `POST /v1/sources/{sourceId}/pause` (`pauseSource`) */
  pause(sourceId: string, options?: RequestOptions): Promise<SuccessBody<operations['pauseSource']>> {
    return this.client.request<SuccessBody<operations['pauseSource']>>(
      {
        operationId: 'pauseSource',
        method: 'POST',
        path: `/v1/sources/${encodeURIComponent(sourceId)}/pause`,
      },
      options,
    );
  }

  /** Resume a source. `POST /v1/sources/{sourceId}/resume` (`resumeSource`) */
  resume(sourceId: string, options?: RequestOptions): Promise<SuccessBody<operations['resumeSource']>> {
    return this.client.request<SuccessBody<operations['resumeSource']>>(
      {
        operationId: 'resumeSource',
        method: 'POST',
        path: `/v1/sources/${encodeURIComponent(sourceId)}/resume`,
      },
      options,
    );
  }

  /** List a source's dead letters. `GET /v1/sources/{sourceId}/dead-letters` (`listDeadLetters`) */
  listDeadLetters(
    sourceId: string,
    query?: QueryParams<operations['listDeadLetters']>,
    options?: RequestOptions,
  ): PagePromise<ListItem<operations['listDeadLetters']>> {
    return this.client.paginate<ListItem<operations['listDeadLetters']>>(
      {
        operationId: 'listDeadLetters',
        method: 'GET',
        path: `/v1/sources/${encodeURIComponent(sourceId)}/dead-letters`,
      },
      query,
      options,
    );
  }

  /** Replay a dead letter. `POST /v1/sources/{sourceId}/dead-letters/{deadLetterId}/replay` (`replayDeadLetter`) */
  replayDeadLetter(
    sourceId: string,
    deadLetterId: string,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['replayDeadLetter']>> {
    return this.client.request<SuccessBody<operations['replayDeadLetter']>>(
      {
        operationId: 'replayDeadLetter',
        method: 'POST',
        path: `/v1/sources/${encodeURIComponent(sourceId)}/dead-letters/${encodeURIComponent(deadLetterId)}/replay`,
        idempotencyHeader: true,
      },
      options,
    );
  }
}

/** Tenant key. Installed source plugins and the schemas of their configuration. */
export class SourceTypesResource {
  constructor(private readonly client: HttpClient) {}

  /** List installed source plugins. `GET /v1/source-types` (`listSourceTypes`) */
  list(options?: RequestOptions): Promise<SuccessBody<operations['listSourceTypes']>> {
    return this.client.request<SuccessBody<operations['listSourceTypes']>>(
      { operationId: 'listSourceTypes', method: 'GET', path: '/v1/source-types' },
      options,
    );
  }

  /** Get an installed source plugin. `GET /v1/source-types/{sourceTypeId}` (`getSourceType`) */
  get(sourceTypeId: string, options?: RequestOptions): Promise<SuccessBody<operations['getSourceType']>> {
    return this.client.request<SuccessBody<operations['getSourceType']>>(
      {
        operationId: 'getSourceType',
        method: 'GET',
        path: `/v1/source-types/${encodeURIComponent(sourceTypeId)}`,
      },
      options,
    );
  }
}

/** Tenant key. Installed destination plugins (brokers an endpoint can deliver into instead of HTTP) */
export class DestinationTypesResource {
  constructor(private readonly client: HttpClient) {}

  /** List installed destination plugins. `GET /v1/destination-types` (`listDestinationTypes`) */
  list(options?: RequestOptions): Promise<SuccessBody<operations['listDestinationTypes']>> {
    return this.client.request<SuccessBody<operations['listDestinationTypes']>>(
      { operationId: 'listDestinationTypes', method: 'GET', path: '/v1/destination-types' },
      options,
    );
  }

  /** Get an installed destination plugin. `GET /v1/destination-types/{destinationTypeId}` (`getDestinationType`) */
  get(
    destinationTypeId: string,
    options?: RequestOptions,
  ): Promise<SuccessBody<operations['getDestinationType']>> {
    return this.client.request<SuccessBody<operations['getDestinationType']>>(
      {
        operationId: 'getDestinationType',
        method: 'GET',
        path: `/v1/destination-types/${encodeURIComponent(destinationTypeId)}`,
      },
      options,
    );
  }
}

/** Tenant key. Events about the tenant's endpoints (`endpoint.disabled`, `endpoint.recovered`, */
export class OperationalEventsResource {
  constructor(private readonly client: HttpClient) {}

  /** List operational events. `GET /v1/operational-events` (`listOperationalEvents`) */
  list(
    query?: QueryParams<operations['listOperationalEvents']>,
    options?: RequestOptions,
  ): PagePromise<ListItem<operations['listOperationalEvents']>> {
    return this.client.paginate<ListItem<operations['listOperationalEvents']>>(
      { operationId: 'listOperationalEvents', method: 'GET', path: '/v1/operational-events' },
      query,
      options,
    );
  }
}

/** Every resource group of the API, one property per tag of the spec. */
export class CaravanResources {
  readonly tenants: TenantsResource;
  readonly apiKeys: ApiKeysResource;
  readonly egressPools: EgressPoolsResource;
  readonly tenant: TenantResource;
  readonly endpoints: EndpointsResource;
  readonly eventTypes: EventTypesResource;
  readonly events: EventsResource;
  readonly deliveries: DeliveriesResource;
  readonly jobs: JobsResource;
  readonly sources: SourcesResource;
  readonly sourceTypes: SourceTypesResource;
  readonly destinationTypes: DestinationTypesResource;
  readonly operationalEvents: OperationalEventsResource;

  constructor(client: HttpClient) {
    this.tenants = new TenantsResource(client);
    this.apiKeys = new ApiKeysResource(client);
    this.egressPools = new EgressPoolsResource(client);
    this.tenant = new TenantResource(client);
    this.endpoints = new EndpointsResource(client);
    this.eventTypes = new EventTypesResource(client);
    this.events = new EventsResource(client);
    this.deliveries = new DeliveriesResource(client);
    this.jobs = new JobsResource(client);
    this.sources = new SourcesResource(client);
    this.sourceTypes = new SourceTypesResource(client);
    this.destinationTypes = new DestinationTypesResource(client);
    this.operationalEvents = new OperationalEventsResource(client);
  }
}

/** operationId → [resource group, method]: where each operation of the spec lives on a `Caravan`. */
export const operationMethods = {
  listTenants: ['tenants', 'list'],
  createTenant: ['tenants', 'create'],
  getTenant: ['tenants', 'get'],
  updateTenant: ['tenants', 'update'],
  deleteTenant: ['tenants', 'delete'],
  listApiKeys: ['apiKeys', 'list'],
  createApiKey: ['apiKeys', 'create'],
  updateApiKey: ['apiKeys', 'update'],
  revokeApiKey: ['apiKeys', 'revoke'],
  listEgressPools: ['egressPools', 'list'],
  createEgressPool: ['egressPools', 'create'],
  getEgressPool: ['egressPools', 'get'],
  updateEgressPool: ['egressPools', 'update'],
  deleteEgressPool: ['egressPools', 'delete'],
  getOwnTenant: ['tenant', 'get'],
  updateOwnTenant: ['tenant', 'update'],
  listTenantEgressPools: ['tenant', 'listEgressPools'],
  getTenantStats: ['tenant', 'getStats'],
  createPortalToken: ['tenant', 'createPortalToken'],
  listTenantApiKeys: ['tenant', 'listApiKeys'],
  createTenantApiKey: ['tenant', 'createApiKey'],
  revokeTenantApiKey: ['tenant', 'revokeApiKey'],
  listEndpoints: ['endpoints', 'list'],
  createEndpoint: ['endpoints', 'create'],
  getEndpoint: ['endpoints', 'get'],
  updateEndpoint: ['endpoints', 'update'],
  deleteEndpoint: ['endpoints', 'delete'],
  listEndpointSecrets: ['endpoints', 'listSecrets'],
  rotateEndpointSecret: ['endpoints', 'rotateSecret'],
  pauseEndpoint: ['endpoints', 'pause'],
  resumeEndpoint: ['endpoints', 'resume'],
  recoverEndpoint: ['endpoints', 'recover'],
  getEndpointHealth: ['endpoints', 'getHealth'],
  listEventTypes: ['eventTypes', 'list'],
  createEventType: ['eventTypes', 'create'],
  getEventType: ['eventTypes', 'get'],
  updateEventType: ['eventTypes', 'update'],
  deleteEventType: ['eventTypes', 'delete'],
  listEvents: ['events', 'list'],
  sendEvent: ['events', 'send'],
  sendEventBatch: ['events', 'sendBatch'],
  getEvent: ['events', 'get'],
  replayEvent: ['events', 'replay'],
  listDeliveries: ['deliveries', 'list'],
  bulkRetryDeliveries: ['deliveries', 'bulkRetry'],
  getDelivery: ['deliveries', 'get'],
  listDeliveryAttempts: ['deliveries', 'listAttempts'],
  retryDelivery: ['deliveries', 'retry'],
  getJob: ['jobs', 'get'],
  listSources: ['sources', 'list'],
  createSource: ['sources', 'create'],
  getSource: ['sources', 'get'],
  updateSource: ['sources', 'update'],
  deleteSource: ['sources', 'delete'],
  pauseSource: ['sources', 'pause'],
  resumeSource: ['sources', 'resume'],
  listDeadLetters: ['sources', 'listDeadLetters'],
  replayDeadLetter: ['sources', 'replayDeadLetter'],
  listSourceTypes: ['sourceTypes', 'list'],
  getSourceType: ['sourceTypes', 'get'],
  listDestinationTypes: ['destinationTypes', 'list'],
  getDestinationType: ['destinationTypes', 'get'],
  listOperationalEvents: ['operationalEvents', 'list'],
} as const;
