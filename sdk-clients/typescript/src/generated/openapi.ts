/**
 * @generated from openapi/caravan.yaml by openapi-typescript — do not edit; run `npm run generate`.
 */

export interface paths {
  '/v1/tenants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List tenants */
    get: operations['listTenants'];
    put?: never;
    /**
     * Create a tenant
     * @description Creates a tenant. Limits not given take the installation's defaults. Create an API key for it
     *     next with `createApiKey`.
     */
    post: operations['createTenant'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tenants/{tenantId}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        tenantId: components['parameters']['TenantIdPath'];
      };
      cookie?: never;
    };
    /** Get a tenant */
    get: operations['getTenant'];
    put?: never;
    post?: never;
    /**
     * Delete a tenant
     * @description Deletes the tenant. Its API keys stop working at once, its sources stop and nothing more is
     *     delivered; its data is removed in the background. This cannot be undone.
     */
    delete: operations['deleteTenant'];
    options?: never;
    head?: never;
    /**
     * Update a tenant
     * @description Changes the name, limits or default egress pool. Lowering `maxEndpoints` below the current
     *     count keeps existing endpoints but blocks new ones. A `defaultEgressPoolId` must be a pool the
     *     tenant may use (`404 CARAVAN_EGRESS_POOL_NOT_FOUND` otherwise).
     */
    patch: operations['updateTenant'];
    trace?: never;
  };
  '/v1/tenants/{tenantId}/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        tenantId: components['parameters']['TenantIdPath'];
      };
      cookie?: never;
    };
    /**
     * List a tenant's API keys
     * @description Lists live and expired keys by prefix; revoked keys are gone. Keys themselves are never returned.
     */
    get: operations['listApiKeys'];
    put?: never;
    /**
     * Create a tenant API key
     * @description Creates a random API key for the tenant. The answer is the only time the key is shown;
     *     Caravan keeps only its hash. Several keys may be live at once: to rotate, create a new key and
     *     set `expiresAt` on the old one with `updateApiKey`.
     */
    post: operations['createApiKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tenants/{tenantId}/api-keys/{keyId}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        tenantId: components['parameters']['TenantIdPath'];
        keyId: components['parameters']['ApiKeyIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke a key
     * @description The key stops working at once and is no longer listed.
     */
    delete: operations['revokeApiKey'];
    options?: never;
    head?: never;
    /**
     * Rename a key or set its expiry
     * @description Sets `expiresAt` (in the future) so a new and an old key overlap during rotation, or `null` to
     *     remove the expiry. An expired key answers `401` like an unknown one.
     */
    patch: operations['updateApiKey'];
    trace?: never;
  };
  '/v1/egress-pools': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List egress pools */
    get: operations['listEgressPools'];
    put?: never;
    /**
     * Create an egress pool
     * @description Defines a set of outbound addresses. In `bind` mode each address must be local to every
     *     dispatcher host; in `proxy` mode each is a forward proxy URL. `publicIps` is what tenants
     *     publish to their customers for allowlisting.
     */
    post: operations['createEgressPool'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/egress-pools/{poolId}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        poolId: components['parameters']['EgressPoolIdPath'];
      };
      cookie?: never;
    };
    /** Get an egress pool */
    get: operations['getEgressPool'];
    put?: never;
    post?: never;
    /**
     * Delete an egress pool
     * @description Deletes a pool no tenant or endpoint uses; otherwise answers `409 CARAVAN_EGRESS_POOL_IN_USE`.
     */
    delete: operations['deleteEgressPool'];
    options?: never;
    head?: never;
    /**
     * Update an egress pool
     * @description Changes the name, addresses, public IPs or allowed tenants; `mode` cannot change. Dispatchers
     *     pick up new addresses within seconds. Taking the pool away from a tenant that still uses it
     *     answers `409 CARAVAN_EGRESS_POOL_IN_USE`.
     */
    patch: operations['updateEgressPool'];
    trace?: never;
  };
  '/v1/tenant': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get your tenant
     * @description The caller's tenant, with the limits the operator set and current usage.
     */
    get: operations['getOwnTenant'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Update your tenant's settings
     * @description Sets where operational events are sent and the default egress pool. Limits are set by the
     *     operator and cannot be changed here.
     *
     *     - `operationsUrl`: operational events (`endpoint.disabled`, `endpoint.recovered`,
     *       `endpoint.breaker_opened`, `delivery.exhausted`) are POSTed there as Standard Webhooks
     *       requests signed (HMAC, `v1,`) with `operationsSecret`, with the same retries as deliveries.
     *       A URL needs a secret: send `operationsSecret` with it unless one is already set
     *       (`400` naming `/body/operationsSecret` otherwise). `null` stops sending; the events stay
     *       listable with `listOperationalEvents`.
     *     - `operationsSecret` (write-only, `whsec_…`) is chosen by the tenant, who runs both sides: to
     *       change it without losing events, let the receiver accept the old and the new secret, then
     *       send the new one.
     *     - `defaultEgressPoolId`: the pool used by endpoints whose `egressPoolId` is `null`; it must be
     *       one of `listTenantEgressPools` (`404 CARAVAN_EGRESS_POOL_NOT_FOUND` otherwise). `null` sends
     *       directly from the Caravan hosts.
     *
     *     The URL passes the SSRF guard (`400 CARAVAN_URL_NOT_ALLOWED`).
     */
    patch: operations['updateOwnTenant'];
    trace?: never;
  };
  '/v1/tenant/egress-pools': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the egress pools you may use
     * @description The pools the operator allows this tenant, with the public IPs to give customers for their
     *     allowlists. Use a pool's id as an endpoint's `egressPoolId` or as the tenant's
     *     `defaultEgressPoolId`.
     */
    get: operations['listTenantEgressPools'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tenant/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get your tenant's event and delivery counts over time
     * @description Counts of events stored and delivery attempts made (2xx or not) for the caller's tenant, in
     *     buckets of `bucketSeconds` from `since` (default one hour ago) to `until` (default now). Every
     *     bucket of the range is listed, empty ones with zeros, oldest first. Counters are kept per
     *     minute by the router and the dispatcher, so a count shows within a few seconds; they are
     *     statistics for charts: a process that crashes may lose its last few counts. The range holds at
     *     most 1440 buckets and 31 days (`400` naming the parameter otherwise).
     */
    get: operations['getTenantStats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tenant/portal-tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mint a customer portal token for one owner
     * @description A short-lived bearer token that opens the customer portal (`/portal#token=…`) for one of the
     *     tenant's customers, the endpoints whose `ownerId` is `ownerId`. With it, the customer lists,
     *     creates, edits, pauses, resumes and deletes their own endpoints, reads and rotates their
     *     secrets and health, lists the deliveries and attempts of their endpoints (one endpoint's or
     *     all of them) and retries them, recovers an endpoint's failed deliveries since a time and
     *     follows that job (`getJob`), and lists the egress pools' public IPs to allowlist. Every other operation, and every
     *     resource of another owner, answers `404` to it. An endpoint it creates gets its `ownerId`.
     *
     *     The token is sealed with the installation's encryption key ring (nothing is stored), so it
     *     cannot be revoked before it expires: keep `ttlSeconds` short. Hand it to the customer's
     *     browser only, in the URL fragment (never sent to a server) or by `postMessage`. Minting is
     *     not idempotent (no `Idempotency-Key`): a lost answer is simply minted again.
     */
    post: operations['createPortalToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tenant/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List your tenant's API keys
     * @description The caller's tenant's live and expired keys, by prefix (the key the caller uses is among them:
     *     its prefix is the start of the key). Revoked keys are gone. Keys themselves are never returned.
     */
    get: operations['listTenantApiKeys'];
    put?: never;
    /**
     * Create an API key for your tenant
     * @description Creates a random API key for the caller's tenant, as `createApiKey` does for the operator. The
     *     answer is the only time the key is shown; Caravan keeps only its hash. To rotate the key a
     *     service uses: create a new one, deploy it, then revoke the old one with `revokeTenantApiKey`.
     */
    post: operations['createTenantApiKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tenant/api-keys/{keyId}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        keyId: components['parameters']['ApiKeyIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke one of your tenant's API keys
     * @description The key stops working at once and is no longer listed. A key cannot revoke itself
     *     (`409 CARAVAN_CONFLICT`): sign in with another key of the tenant to revoke it. Since the caller
     *     always holds a live key, this also means a tenant can never revoke its last live key and lock
     *     itself out; the operator can still revoke any key with `revokeApiKey`.
     */
    delete: operations['revokeTenantApiKey'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/endpoints': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List endpoints */
    get: operations['listEndpoints'];
    put?: never;
    /**
     * Create an endpoint
     * @description Registers a receiver URL. The answer includes the signing `secret`, shown only here (and on
     *     rotation). Send your own `secret` to reuse one; otherwise Caravan generates it. For
     *     `signingScheme: ed25519` the secret is the private key (`whsk_…`) and `publicKey` is what
     *     receivers verify with.
     *
     *     The URL must be `http(s)` and pass the SSRF guard (`400 CARAVAN_URL_NOT_ALLOWED`). At the
     *     tenant's `maxEndpoints` the answer is `409 CARAVAN_ENDPOINT_LIMIT_REACHED`. An `egressPoolId`
     *     the tenant may not use answers `404 CARAVAN_EGRESS_POOL_NOT_FOUND`. `egressPoolId: null` uses
     *     the tenant's default pool.
     */
    post: operations['createEndpoint'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/endpoints/{endpointId}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    /** Get an endpoint */
    get: operations['getEndpoint'];
    put?: never;
    post?: never;
    /**
     * Delete an endpoint
     * @description Deletes the endpoint and its secrets. Deliveries not yet sent become `discarded`; past
     *     deliveries and attempts stay listable.
     */
    delete: operations['deleteEndpoint'];
    options?: never;
    head?: never;
    /**
     * Update an endpoint
     * @description Changes the fields sent; `null` clears a nullable field. Changes apply to deliveries attempted
     *     from now on, including retries of earlier events. Routing changes (`eventTypes`, `filter`,
     *     `ownerId`) apply to events ingested from now on. A new `url` passes the SSRF guard
     *     (`400 CARAVAN_URL_NOT_ALLOWED`).
     */
    patch: operations['updateEndpoint'];
    trace?: never;
  };
  '/v1/endpoints/{endpointId}/secrets': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    /**
     * List an endpoint's live secrets
     * @description The current secret and the previous ones still signing during their grace period, with their
     *     expiry. Secret values are never returned (Ed25519 public keys are).
     */
    get: operations['listEndpointSecrets'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/endpoints/{endpointId}/secret/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate an endpoint's signing secret
     * @description Makes a new secret current at once (generated, or the `secret` sent). The secret it replaces
     *     keeps signing until `previousSecretsExpireAt` (`gracePeriodSeconds` from now, default 24 h), so
     *     during the overlap each request carries one signature per live secret and receivers can switch
     *     at their pace. `gracePeriodSeconds: 0` retires the old secret immediately (after a leak).
     *
     *     At most 10 previous secrets may be live; rotating with a grace period while 10 are live answers
     *     `409 CARAVAN_TOO_MANY_SECRETS` (a rotation with `gracePeriodSeconds: 0` is always allowed). Send
     *     an `Idempotency-Key` so that a retried request does not rotate twice.
     */
    post: operations['rotateEndpointSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/endpoints/{endpointId}/pause': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Pause an endpoint
     * @description Stops sending to the endpoint. New and due deliveries wait as `pending` (no attempts are spent)
     *     and are sent after `resumeEndpoint`. Pausing a paused endpoint changes nothing.
     */
    post: operations['pauseEndpoint'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/endpoints/{endpointId}/resume': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resume a paused or disabled endpoint
     * @description Makes the endpoint `active` again and resets its failure tracking. Deliveries held while it was
     *     paused are sent. Deliveries that failed or were discarded while it was disabled are not; resend
     *     them with `recoverEndpoint`.
     */
    post: operations['resumeEndpoint'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/endpoints/{endpointId}/recover': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resend an endpoint's failed deliveries since a time
     * @description Starts a job that queues a new attempt for every `failed` or `discarded` delivery of this
     *     endpoint created in [`since`, `until`) (until now when `until` is omitted). Deliveries keep
     *     their id and `webhook-id`. Follow progress with `getJob`. A `disabled` endpoint must be resumed
     *     first (`409 CARAVAN_CONFLICT`); for a `paused` one the deliveries wait until it is resumed.
     */
    post: operations['recoverEndpoint'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/endpoints/{endpointId}/health': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    /**
     * Get an endpoint's health
     * @description Circuit breaker state, recent success rate, last error and how long the endpoint has been
     *     failing. Figures are at most a few seconds old.
     */
    get: operations['getEndpointHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/event-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List event types */
    get: operations['listEventTypes'];
    put?: never;
    /**
     * Create an event type
     * @description Registers an event type, optionally with a JSON Schema (draft-07) that every payload of this
     *     type must satisfy at ingest. Registering is optional: events of unregistered types are
     *     accepted without payload validation. An existing name answers
     *     `409 CARAVAN_EVENT_TYPE_EXISTS`.
     */
    post: operations['createEventType'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/event-types/{eventTypeName}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        eventTypeName: components['parameters']['EventTypeNamePath'];
      };
      cookie?: never;
    };
    /** Get an event type */
    get: operations['getEventType'];
    put?: never;
    post?: never;
    /**
     * Delete an event type
     * @description Removes the event type and its schema. Events of this type are still accepted, without
     *     validation, and endpoints subscribed to it keep their patterns.
     */
    delete: operations['deleteEventType'];
    options?: never;
    head?: never;
    /**
     * Update an event type
     * @description Changes the description or the JSON Schema (`null` removes it). A new schema applies to events
     *     ingested from now on; stored events are not re-checked.
     */
    patch: operations['updateEventType'];
    trace?: never;
  };
  '/v1/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List events
     * @description Events without their payloads, newest first. An accepted event appears once the router has
     *     persisted it (normally well under a second after `202`).
     */
    get: operations['listEvents'];
    put?: never;
    /**
     * Send an event
     * @description Ingests one event. `202` means it is durable: it will be delivered (at least once) to every
     *     matching endpoint even if a Caravan process crashes. It shows up in `listEvents` / `getEvent`
     *     once the router has persisted it, normally well under a second later.
     *
     *     - **Routing**: `endpointId` targets that endpoint, `ownerId` all endpoints of that owner,
     *       neither every endpoint subscribed to `eventType`; the endpoint's patterns and filter apply
     *       in every case. An `endpointId` or `ownerId` that matches no endpoint is not an error (the
     *       event is stored with no deliveries), since ingest does no lookups.
     *     - **Idempotency**: with an `idempotencyKey` already used, the answer is the first event's `id`
     *       with `duplicate: true`, and the new payload is ignored. Use this, not the `Idempotency-Key`
     *       header, to make ingest retries safe.
     *     - **Validation**: if `eventType` is registered with a JSON Schema, the payload must satisfy it
     *       (`400 CARAVAN_PAYLOAD_SCHEMA_MISMATCH`, naming e.g. `/body/payload/amount`). A payload over
     *       the tenant's `maxPayloadBytes` answers `413`.
     *     - **Limits**: over the tenant's `ingestPerSecond`, `429 CARAVAN_INGEST_RATE_LIMITED`. When
     *       Caravan cannot make the event durable, `503 CARAVAN_LOG_UNAVAILABLE` and nothing is stored.
     */
    post: operations['sendEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/events/batch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send up to 500 events
     * @description Ingests 1 to 500 events in one request, with the same rules as `sendEvent` for each. The whole
     *     batch is validated first: if any event is invalid, nothing is stored and the answer names every
     *     invalid field with its index (`/body/events/3/eventType`). Otherwise all events are made
     *     durable together and the answer lists one `{ id, duplicate }` per event, in request order.
     *     The batch counts as its number of events against `ingestPerSecond`.
     */
    post: operations['sendEventBatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/events/{eventId}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        eventId: components['parameters']['EventIdPath'];
      };
      cookie?: never;
    };
    /**
     * Get an event with its deliveries
     * @description The event, its payload and up to 100 of its deliveries. Right after ingest it may answer `404`
     *     for a moment, until the router has persisted the event.
     */
    get: operations['getEvent'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/events/{eventId}/replay': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        eventId: components['parameters']['EventIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Replay an event
     * @description Starts a job that sends the event again to every endpoint that matches it now: each existing
     *     delivery gets a new attempt (same delivery id and `webhook-id`, whatever its status), and
     *     endpoints that match but had no delivery (e.g. created since) get one. Deliveries to
     *     `disabled` endpoints are skipped; those to `paused` endpoints wait until they are resumed.
     *     Follow progress with `getJob`.
     */
    post: operations['replayEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List deliveries
     * @description Deliveries of the tenant, narrowed by the filters given. `ownerId` lists the deliveries to every
     *     endpoint of one customer (the endpoints whose `ownerId` it is now); a customer portal token
     *     lists only its owner's, with or without it.
     */
    get: operations['listDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/deliveries/bulk-retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Retry every delivery that matches a filter
     * @description Starts a job that queues a new attempt for each delivery matching the filter (by default the
     *     `failed` ones created since `since`). Deliveries keep their id and `webhook-id`. Deliveries to
     *     `disabled` endpoints are skipped; those to `paused` endpoints wait until they are resumed.
     *     Follow progress with `getJob`; the answer's `Location` header points at the job.
     */
    post: operations['bulkRetryDeliveries'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/deliveries/{deliveryId}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        deliveryId: components['parameters']['DeliveryIdPath'];
      };
      cookie?: never;
    };
    /** Get a delivery */
    get: operations['getDelivery'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/deliveries/{deliveryId}/attempts': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        deliveryId: components['parameters']['DeliveryIdPath'];
      };
      cookie?: never;
    };
    /** List a delivery's attempts */
    get: operations['listDeliveryAttempts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/deliveries/{deliveryId}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        deliveryId: components['parameters']['DeliveryIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Retry a delivery now
     * @description Queues one immediate attempt, in any status (a delivery that succeeded is sent again, with the
     *     same `webhook-id`). The attempt is outside the automatic schedule: if it fails, a delivery
     *     that had finished goes back to `failed`, and one still `retrying` keeps its schedule. A
     *     delivery already `pending` is returned unchanged. A delivery to a `disabled` endpoint answers
     *     `409 CARAVAN_CONFLICT` (resume the endpoint first); one to a `paused` endpoint waits until it
     *     is resumed.
     */
    post: operations['retryDelivery'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{jobId}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        jobId: components['parameters']['JobIdPath'];
      };
      cookie?: never;
    };
    /**
     * Get a job's progress
     * @description Progress of a bulk retry, endpoint recovery or event replay. `total` is `null` until the job
     *     has counted the matching deliveries; `processed` counts those queued again so far.
     */
    get: operations['getJob'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sources': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List sources */
    get: operations['listSources'];
    put?: never;
    /**
     * Create a source
     * @description Points Caravan at a broker subscription or queue of the tenant's. `type` is an installed
     *     plugin (`listSourceTypes`; unknown answers `404 CARAVAN_SOURCE_TYPE_NOT_FOUND`); `config` and
     *     `credentials` are validated against its schemas, with problems named under `/body/config/…`
     *     and `/body/credentials/…`. `credentials` are write-only: encrypted at rest and never returned
     *     (`hasCredentials` says whether some are stored). `format: raw` needs `raw`
     *     (`400` naming `/body/raw` otherwise). The source starts `running`; a worker process takes it
     *     within seconds.
     *
     *     A broker message is acknowledged only after the event is durable. Messages that cannot become
     *     events are acknowledged after being stored as dead letters.
     */
    post: operations['createSource'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sources/{sourceId}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sourceId: components['parameters']['SourceIdPath'];
      };
      cookie?: never;
    };
    /** Get a source with its status */
    get: operations['getSource'];
    put?: never;
    post?: never;
    /**
     * Delete a source
     * @description Stops consuming (messages being handled are finished and acknowledged first) and deletes the
     *     source, its credentials and its dead letters. Events it produced stay.
     */
    delete: operations['deleteSource'];
    options?: never;
    head?: never;
    /**
     * Update a source
     * @description Changes the fields sent (`type` cannot change); `config` is replaced as a whole and validated
     *     against the plugin's schema. New `credentials` take over without a gap: the consumer with the
     *     new credentials starts before the old one stops. Changing `workers` or `format` applies within
     *     seconds without losing messages.
     */
    patch: operations['updateSource'];
    trace?: never;
  };
  '/v1/sources/{sourceId}/pause': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sourceId: components['parameters']['SourceIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Pause a source
     * @description Stops pulling; messages stay in the broker. Messages being handled are finished first.
     *     Pausing a paused source changes nothing.
     */
    post: operations['pauseSource'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sources/{sourceId}/resume': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sourceId: components['parameters']['SourceIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resume a source
     * @description Starts pulling again; a worker process takes the source within seconds.
     */
    post: operations['resumeSource'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sources/{sourceId}/dead-letters': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sourceId: components['parameters']['SourceIdPath'];
      };
      cookie?: never;
    };
    /**
     * List a source's dead letters
     * @description Broker messages the source could not turn into events, with the reason, newest first.
     */
    get: operations['listDeadLetters'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sources/{sourceId}/dead-letters/{deadLetterId}/replay': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sourceId: components['parameters']['SourceIdPath'];
        deadLetterId: components['parameters']['DeadLetterIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Replay a dead letter
     * @description Turns the stored message into an event again, with the source's current format and options
     *     and the current event type schemas (e.g. after fixing them). On success the event is ingested
     *     like any other (idempotency key: the broker message id, unless the message carries its own),
     *     the dead letter records `replayedAt` / `replayedEventId`, and the answer is the ingest result.
     *     If the message is still invalid, the answer is the same `400` problem the source saw and the
     *     dead letter stays unchanged.
     */
    post: operations['replayDeadLetter'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/source-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List installed source plugins
     * @description Every source plugin installed in this Caravan, with the JSON Schemas of its config and credentials.
     */
    get: operations['listSourceTypes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/source-types/{sourceTypeId}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sourceTypeId: components['parameters']['SourceTypeIdPath'];
      };
      cookie?: never;
    };
    /** Get an installed source plugin */
    get: operations['getSourceType'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/destination-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List installed destination plugins
     * @description Every destination plugin installed in this Caravan (each installed package that declares
     *     itself one, or the operator's `destinations.plugins` list), with the JSON Schemas of its
     *     config and credentials. `http` is built in and not listed.
     */
    get: operations['listDestinationTypes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/destination-types/{destinationTypeId}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        destinationTypeId: components['parameters']['DestinationTypeIdPath'];
      };
      cookie?: never;
    };
    /**
     * Get an installed destination plugin
     * @description Unknown ids answer `404 CARAVAN_DESTINATION_TYPE_NOT_FOUND`.
     */
    get: operations['getDestinationType'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/operational-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List operational events
     * @description Events about the tenant's endpoints, newest first. The same objects are POSTed to the tenant's
     *     `operationsUrl` when one is set (see `updateOwnTenant`).
     */
    get: operations['listOperationalEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /**
     * @description Stable machine-readable error code. The HTTP status is fixed per code:
     *
     *     | code | status |
     *     |---|---|
     *     | `CARAVAN_VALIDATION_FAILED` | 400 |
     *     | `CARAVAN_MALFORMED_JSON` | 400 |
     *     | `CARAVAN_PAYLOAD_SCHEMA_MISMATCH` (payload fails the event type's JSON Schema) | 400 |
     *     | `CARAVAN_URL_NOT_ALLOWED` (URL resolves to a private, loopback, link-local or metadata address) | 400 |
     *     | `CARAVAN_UNAUTHORIZED` | 401 |
     *     | `CARAVAN_FORBIDDEN` (admin key on a tenant operation) | 403 |
     *     | `CARAVAN_NOT_FOUND` (unknown route, or admin operation with a tenant key) | 404 |
     *     | `CARAVAN_METHOD_NOT_ALLOWED` (the path exists, not with this method; `Allow` lists those it takes) | 405 |
     *     | `CARAVAN_TENANT_NOT_FOUND`, `CARAVAN_API_KEY_NOT_FOUND`, `CARAVAN_ENDPOINT_NOT_FOUND`, `CARAVAN_EVENT_TYPE_NOT_FOUND`, `CARAVAN_EVENT_NOT_FOUND`, `CARAVAN_DELIVERY_NOT_FOUND`, `CARAVAN_JOB_NOT_FOUND`, `CARAVAN_SOURCE_NOT_FOUND`, `CARAVAN_DEAD_LETTER_NOT_FOUND`, `CARAVAN_SOURCE_TYPE_NOT_FOUND`, `CARAVAN_DESTINATION_TYPE_NOT_FOUND`, `CARAVAN_EGRESS_POOL_NOT_FOUND` | 404 |
     *     | `CARAVAN_CONFLICT` | 409 |
     *     | `CARAVAN_EVENT_TYPE_EXISTS` | 409 |
     *     | `CARAVAN_IDEMPOTENCY_KEY_REUSED` (same `Idempotency-Key`, different body) | 409 |
     *     | `CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS` (same `Idempotency-Key` while the first request runs) | 409 |
     *     | `CARAVAN_ENDPOINT_LIMIT_REACHED` (tenant's `maxEndpoints`) | 409 |
     *     | `CARAVAN_TOO_MANY_SECRETS` (10 previous secrets still live) | 409 |
     *     | `CARAVAN_EGRESS_POOL_IN_USE` | 409 |
     *     | `CARAVAN_PAYLOAD_TOO_LARGE` | 413 |
     *     | `CARAVAN_UNSUPPORTED_MEDIA_TYPE` | 415 |
     *     | `CARAVAN_RATE_LIMITED` (per-key API limit) | 429 |
     *     | `CARAVAN_INGEST_RATE_LIMITED` (tenant's `ingestPerSecond`) | 429 |
     *     | `CARAVAN_INTERNAL` | 500 |
     *     | `CARAVAN_LOG_UNAVAILABLE` | 503 |
     *     | `CARAVAN_UNAVAILABLE` (something Caravan depends on failed for a moment; retry after `Retry-After`) | 503 |
     * @enum {string}
     */
    ErrorCode:
      | 'CARAVAN_VALIDATION_FAILED'
      | 'CARAVAN_MALFORMED_JSON'
      | 'CARAVAN_PAYLOAD_SCHEMA_MISMATCH'
      | 'CARAVAN_URL_NOT_ALLOWED'
      | 'CARAVAN_UNAUTHORIZED'
      | 'CARAVAN_FORBIDDEN'
      | 'CARAVAN_METHOD_NOT_ALLOWED'
      | 'CARAVAN_NOT_FOUND'
      | 'CARAVAN_TENANT_NOT_FOUND'
      | 'CARAVAN_API_KEY_NOT_FOUND'
      | 'CARAVAN_ENDPOINT_NOT_FOUND'
      | 'CARAVAN_EVENT_TYPE_NOT_FOUND'
      | 'CARAVAN_EVENT_NOT_FOUND'
      | 'CARAVAN_DELIVERY_NOT_FOUND'
      | 'CARAVAN_JOB_NOT_FOUND'
      | 'CARAVAN_SOURCE_NOT_FOUND'
      | 'CARAVAN_DEAD_LETTER_NOT_FOUND'
      | 'CARAVAN_SOURCE_TYPE_NOT_FOUND'
      | 'CARAVAN_DESTINATION_TYPE_NOT_FOUND'
      | 'CARAVAN_EGRESS_POOL_NOT_FOUND'
      | 'CARAVAN_CONFLICT'
      | 'CARAVAN_EVENT_TYPE_EXISTS'
      | 'CARAVAN_IDEMPOTENCY_KEY_REUSED'
      | 'CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS'
      | 'CARAVAN_ENDPOINT_LIMIT_REACHED'
      | 'CARAVAN_TOO_MANY_SECRETS'
      | 'CARAVAN_EGRESS_POOL_IN_USE'
      | 'CARAVAN_PAYLOAD_TOO_LARGE'
      | 'CARAVAN_UNSUPPORTED_MEDIA_TYPE'
      | 'CARAVAN_RATE_LIMITED'
      | 'CARAVAN_INGEST_RATE_LIMITED'
      | 'CARAVAN_INTERNAL'
      | 'CARAVAN_LOG_UNAVAILABLE'
      | 'CARAVAN_UNAVAILABLE';
    FieldError: {
      /**
       * @description JSON Pointer (RFC 6901) to the offending value, prefixed with where it was sent:
       *     `/body/...`, `/query/...`, `/path/...` or `/header/...` (header names lower-case).
       *     Examples: `/body/eventType`, `/body/events/3/eventType`, `/body/payload/amount`,
       *     `/query/limit`, `/path/endpointId`, `/header/idempotency-key`. For a JSON Schema mismatch
       *     of an event payload the pointer goes into the payload (`/body/payload/customer/email`).
       */
      field: string;
      /** @description What is wrong with the value, in English. */
      message: string;
    };
    /** @description RFC 9457 problem details, served as `application/problem+json`. */
    Problem: {
      /**
       * Format: uri-reference
       * @description URI naming the problem kind: `urn:caravan:problem:` followed by the code without the
       *     `CARAVAN_` prefix, lower-case, `_` replaced by `-` (`CARAVAN_VALIDATION_FAILED` →
       *     `urn:caravan:problem:validation-failed`).
       */
      type: string;
      /** @description Short summary of the problem kind; the same for every occurrence of a code. */
      title: string;
      /** @description The HTTP status, repeated. */
      status: number;
      /** @description Explanation specific to this occurrence. */
      detail?: string;
      /**
       * Format: uri-reference
       * @description The request path this problem is about.
       */
      instance?: string;
      code: components['schemas']['ErrorCode'];
      /** @description Every invalid field found (up to 100), for validation-type problems. */
      errors?: components['schemas']['FieldError'][];
      /** @description Id of the request in Caravan's logs; quote it when reporting a problem. */
      requestId?: string;
    };
    /** @description Tenant id (`tnt_` + ULID). */
    TenantId: string;
    /** @description API key id (`key_` + ULID). */
    ApiKeyId: string;
    /** @description Endpoint id (`ep_` + ULID). */
    EndpointId: string;
    /** @description Endpoint secret id (`sec_` + ULID). */
    SecretId: string;
    /**
     * @description Event id (`evt_` + ULID). It is also the `webhook-id` header of every request that delivers
     *     the event.
     */
    EventId: string;
    /** @description Delivery id (`dlv_` + ULID). */
    DeliveryId: string;
    /** @description Attempt id (`att_` + ULID). */
    AttemptId: string;
    /** @description Job id (`job_` + ULID). */
    JobId: string;
    /** @description Source id (`src_` + ULID). */
    SourceId: string;
    /** @description Dead letter id (`dl_` + ULID). */
    DeadLetterId: string;
    /** @description Egress pool id (`pool_` + ULID). */
    EgressPoolId: string;
    /** @description Operational event id (`oev_` + ULID). */
    OperationalEventId: string;
    /** @description Source plugin id, `<vendor>-<product>` (e.g. `gcp-pubsub`, `aws-sqs`, `kafka`). */
    SourceTypeId: string;
    /**
     * @description `http` (the built-in HTTP POST) or a destination plugin id, `<vendor>-<product>` (e.g.
     *     `aws-sqs`, `gcp-pubsub`, `kafka`, `rabbitmq`).
     */
    DestinationTypeId: string;
    /** @description Event type name: dot-separated segments of letters, digits, `_` and `-` (e.g. `invoice.paid`). */
    EventTypeName: string;
    /**
     * @description An event type name in which a segment may be `*`, matching exactly one segment
     *     (`invoice.*` matches `invoice.paid`, not `invoice.line.created`). The pattern `*` alone
     *     matches every event type.
     */
    EventTypePattern: string;
    /**
     * @description The tenant's own identifier for one of its customers; groups that customer's endpoints so an
     *     event can target all of them.
     */
    OwnerId: string;
    /** @description `ownerId`, or `null` when not set. */
    NullableOwnerId: components['schemas']['OwnerId'] | null;
    /** @description Human-readable name. */
    Name: string;
    /** @description Free text. */
    Description: string;
    /**
     * Format: date-time
     * @description RFC 3339 date-time in UTC.
     */
    Timestamp: string;
    /** @description RFC 3339 date-time in UTC, or `null`. */
    NullableTimestamp: components['schemas']['Timestamp'] | null;
    /** @description Cursor for the next page, or `null` on the last page. */
    NextCursor: string | null;
    /**
     * Format: uri
     * @description An absolute `http` or `https` URL.
     */
    HttpsUrl: string;
    /**
     * Format: uri
     * @description Where deliveries go: the receiver's `http(s)` URL, or, for a broker destination, the plugin id
     *     as the scheme and the broker's first host (`aws-sqs://sqs.eu-west-1.amazonaws.com:443`).
     */
    EndpointUrl: string;
    /** @description An IPv4 or IPv6 address. */
    IpAddress: string;
    /**
     * @description Extra HTTP headers to send with each delivery request, name → value. Names must be HTTP
     *     field names (RFC 9110 `token`) of at most 64 characters and may not be one Caravan sets itself (`content-type`, `content-length`, `host`, `user-agent`, `webhook-id`,
     *     `webhook-timestamp`, `webhook-signature`, or any `webhook-*` or `caravan-*` name); these are
     *     checked by the server and named in `errors[]` (e.g. `/body/headers/Host`).
     */
    CustomHeaders: {
      [key: string]: string;
    };
    /** @description Limits the operator sets for a tenant. */
    TenantLimits: {
      /** @description Events the tenant may ingest per second (REST and sources together). */
      ingestPerSecond: number;
      /** @description Delivery attempts per second across all the tenant's endpoints. */
      deliveriesPerSecond: number;
      /** @description Endpoints the tenant may have at once. */
      maxEndpoints: number;
      /** @description Largest event payload accepted, in bytes of the payload JSON as sent. */
      maxPayloadBytes: number;
      /** @description Shards of the internal `events` topic the tenant's events are spread over (default 2). A tenant's backlog sits in at most this many partitions, so other tenants' events do not wait behind it; raise it for a tenant whose volume needs more routers in parallel. */
      eventShards: number;
    };
    /** @description Limits to change; omitted limits keep their value (on create, the installation default). */
    TenantLimitsPatch: {
      ingestPerSecond?: number;
      deliveriesPerSecond?: number;
      maxEndpoints?: number;
      maxPayloadBytes?: number;
      eventShards?: number;
    };
    /** @description Egress pool id, or `null` for none. */
    NullableEgressPoolId: components['schemas']['EgressPoolId'] | null;
    /** @description An absolute `http` or `https` URL, or `null`. */
    NullableHttpsUrl: components['schemas']['HttpsUrl'] | null;
    /**
     * @description Signing secret. HMAC secrets are `whsec_` + base64 of 24–64 random bytes; Ed25519 private
     *     keys are `whsk_` + base64 (Standard Webhooks naming).
     */
    SigningSecret: string;
    /** @description HMAC-SHA256 secret, `whsec_` + base64 of 24–64 random bytes. */
    HmacSecret: string;
    /** @description A tenant as the operator sees it. */
    Tenant: {
      id: components['schemas']['TenantId'];
      name: components['schemas']['Name'];
      limits: components['schemas']['TenantLimits'];
      operationsUrl: components['schemas']['NullableHttpsUrl'];
      /** @description Whether an operations signing secret is set (the secret itself is never returned). */
      hasOperationsSecret: boolean;
      defaultEgressPoolId: components['schemas']['NullableEgressPoolId'];
      /**
       * @description Whether ingest refuses an event whose type is not registered under `/v1/event-types`
       *     (`400 CARAVAN_VALIDATION_FAILED` naming `/body/eventType`, or `/body/events/{i}/eventType` in a
       *     batch; a source dead-letters the message). Off by default: any type is accepted.
       */
      requireRegisteredEventTypes: boolean;
      createdAt: components['schemas']['Timestamp'];
      updatedAt: components['schemas']['Timestamp'];
    };
    TenantUsage: {
      /** @description Endpoints the tenant has now (counts against `limits.maxEndpoints`). */
      endpoints: number;
      /** @description Events accepted in the last 24 hours (approximate, refreshed every minute). */
      eventsIngestedLast24h: number;
    };
    /** @description The caller's own tenant, with usage. */
    OwnTenant: {
      id: components['schemas']['TenantId'];
      name: components['schemas']['Name'];
      limits: components['schemas']['TenantLimits'];
      operationsUrl: components['schemas']['NullableHttpsUrl'];
      /** @description Whether an operations signing secret is set (the secret itself is never returned). */
      hasOperationsSecret: boolean;
      defaultEgressPoolId: components['schemas']['NullableEgressPoolId'];
      /**
       * @description Whether ingest refuses an event whose type is not registered under `/v1/event-types`
       *     (`400 CARAVAN_VALIDATION_FAILED` naming `/body/eventType`, or `/body/events/{i}/eventType` in a
       *     batch; a source dead-letters the message). Off by default: any type is accepted.
       */
      requireRegisteredEventTypes: boolean;
      usage: components['schemas']['TenantUsage'];
      createdAt: components['schemas']['Timestamp'];
      updatedAt: components['schemas']['Timestamp'];
    };
    CreateTenantRequest: {
      name: components['schemas']['Name'];
      limits?: components['schemas']['TenantLimitsPatch'];
      defaultEgressPoolId?: components['schemas']['NullableEgressPoolId'];
      /**
       * @description When true, ingest refuses an event whose type is not registered under `/v1/event-types`
       *     (`400 CARAVAN_VALIDATION_FAILED` naming `/body/eventType`, or `/body/events/{i}/eventType` in a
       *     batch; a source dead-letters the message). Default false: any type is accepted.
       */
      requireRegisteredEventTypes?: boolean;
    };
    /** @description Fields to change; omitted fields keep their value. */
    UpdateTenantRequest: {
      name?: components['schemas']['Name'];
      limits?: components['schemas']['TenantLimitsPatch'];
      defaultEgressPoolId?: components['schemas']['NullableEgressPoolId'];
      /**
       * @description When true, ingest refuses an event whose type is not registered under `/v1/event-types`
       *     (`400 CARAVAN_VALIDATION_FAILED` naming `/body/eventType`, or `/body/events/{i}/eventType` in a
       *     batch; a source dead-letters the message). Default false: any type is accepted.
       */
      requireRegisteredEventTypes?: boolean;
    };
    /**
     * @description Fields to change; omitted fields keep their value. Limits are set by the operator and cannot be
     *     changed here.
     */
    UpdateOwnTenantRequest: {
      operationsUrl?: components['schemas']['NullableHttpsUrl'];
      operationsSecret?: components['schemas']['HmacSecret'];
      defaultEgressPoolId?: components['schemas']['NullableEgressPoolId'];
      /**
       * @description When true, ingest refuses an event whose type is not registered under `/v1/event-types`
       *     (`400 CARAVAN_VALIDATION_FAILED` naming `/body/eventType`, or `/body/events/{i}/eventType` in a
       *     batch; a source dead-letters the message). Default false: any type is accepted.
       */
      requireRegisteredEventTypes?: boolean;
    };
    TenantList: {
      data: components['schemas']['Tenant'][];
      nextCursor: components['schemas']['NextCursor'];
    };
    /** @description The first characters of the key, enough to recognise it (`ck_live_` + 6 characters). */
    ApiKeyPrefix: string;
    /** @description Human-readable name, or `null`. */
    NullableName: components['schemas']['Name'] | null;
    /** @description A tenant API key. The key itself is only returned once, by `createApiKey`. */
    ApiKey: {
      id: components['schemas']['ApiKeyId'];
      name: components['schemas']['NullableName'];
      prefix: components['schemas']['ApiKeyPrefix'];
      expiresAt: components['schemas']['NullableTimestamp'];
      lastUsedAt: components['schemas']['NullableTimestamp'];
      createdAt: components['schemas']['Timestamp'];
    };
    /** @description A new API key, including the key itself. Store it now; it is never shown again. */
    ApiKeyCreated: {
      id: components['schemas']['ApiKeyId'];
      name: components['schemas']['NullableName'];
      prefix: components['schemas']['ApiKeyPrefix'];
      /** @description The bearer key. Caravan stores only its hash. */
      key: string;
      expiresAt: components['schemas']['NullableTimestamp'];
      createdAt: components['schemas']['Timestamp'];
    };
    CreateApiKeyRequest: {
      name?: components['schemas']['NullableName'];
      expiresAt?: components['schemas']['NullableTimestamp'];
    };
    /**
     * @description Fields to change; omitted fields keep their value. Set `expiresAt` on the old key to rotate
     *     without downtime: the new and the old key both work until then. `expiresAt` must be in the
     *     future; `null` removes the expiry.
     */
    UpdateApiKeyRequest: {
      name?: components['schemas']['NullableName'];
      expiresAt?: components['schemas']['NullableTimestamp'];
    };
    ApiKeyList: {
      data: components['schemas']['ApiKey'][];
      nextCursor: components['schemas']['NextCursor'];
    };
    /**
     * @description `bind`: requests leave from local addresses of the Caravan hosts (`addresses` are IPs bound
     *     round-robin, with failover on connect errors). `proxy`: requests go through forward proxies
     *     (`addresses` are proxy URLs).
     * @enum {string}
     */
    EgressPoolMode: 'bind' | 'proxy';
    /**
     * @description For `bind`, local IPv4/IPv6 addresses; for `proxy`, proxy URLs (`http://`, `https://`,
     *     optionally with credentials). The server checks each entry against the mode and names a bad one
     *     (`/body/addresses/1`). Proxy credentials are write-only: responses show them as `***`.
     */
    EgressAddresses: string[];
    /** @description The public IPs this pool's traffic comes from, for receivers to allowlist. */
    PublicIps: components['schemas']['IpAddress'][];
    /** @description Tenants allowed to use the pool. */
    TenantIds: components['schemas']['TenantId'][];
    /** @description An egress pool as the operator sees it. */
    EgressPool: {
      id: components['schemas']['EgressPoolId'];
      name: components['schemas']['Name'];
      mode: components['schemas']['EgressPoolMode'];
      addresses: components['schemas']['EgressAddresses'];
      publicIps: components['schemas']['PublicIps'];
      /** @description When `true`, every tenant may use the pool and `allowedTenantIds` is ignored. */
      allowAllTenants: boolean;
      allowedTenantIds: components['schemas']['TenantIds'];
      createdAt: components['schemas']['Timestamp'];
      updatedAt: components['schemas']['Timestamp'];
    };
    CreateEgressPoolRequest: {
      name: components['schemas']['Name'];
      mode: components['schemas']['EgressPoolMode'];
      addresses: components['schemas']['EgressAddresses'];
      publicIps: components['schemas']['PublicIps'];
      /** @default false */
      allowAllTenants?: boolean;
      allowedTenantIds?: components['schemas']['TenantIds'];
    };
    /**
     * @description Fields to change; omitted fields keep their value. `mode` cannot change. Removing a tenant
     *     that still uses the pool (as its default or on an endpoint) answers
     *     `409 CARAVAN_EGRESS_POOL_IN_USE`.
     */
    UpdateEgressPoolRequest: {
      name?: components['schemas']['Name'];
      addresses?: components['schemas']['EgressAddresses'];
      publicIps?: components['schemas']['PublicIps'];
      allowAllTenants?: boolean;
      allowedTenantIds?: components['schemas']['TenantIds'];
    };
    EgressPoolList: {
      data: components['schemas']['EgressPool'][];
      nextCursor: components['schemas']['NextCursor'];
    };
    /** @description An egress pool as a tenant sees it. */
    TenantEgressPool: {
      id: components['schemas']['EgressPoolId'];
      name: components['schemas']['Name'];
      publicIps: components['schemas']['PublicIps'];
      /** @description Whether this is the tenant's `defaultEgressPoolId`. */
      isDefault: boolean;
    };
    TenantEgressPoolList: {
      data: components['schemas']['TenantEgressPool'][];
      nextCursor: components['schemas']['NextCursor'];
    };
    TenantStatsBucket: {
      at: components['schemas']['Timestamp'];
      /** @description Events stored in the bucket. */
      events: number;
      /** @description Delivery attempts answered with a 2xx. */
      attemptsSucceeded: number;
      /** @description Delivery attempts that got another status, a timeout or a connection error. */
      attemptsFailed: number;
    };
    TenantStats: {
      since: components['schemas']['Timestamp'];
      until: components['schemas']['Timestamp'];
      bucketSeconds: number;
      data: components['schemas']['TenantStatsBucket'][];
    };
    CreatePortalTokenRequest: {
      ownerId: components['schemas']['OwnerId'];
      /**
       * @description How long the token works.
       * @default 3600
       */
      ttlSeconds?: number;
    };
    PortalToken: {
      /** @description The bearer token (`cpt_…`) for the portal and the API calls it makes. */
      token: string;
      ownerId: components['schemas']['OwnerId'];
      expiresAt: components['schemas']['Timestamp'];
    };
    /**
     * @description Event types the endpoint subscribes to, as patterns (see `EventTypePattern`). `["*"]`
     *     subscribes to everything.
     */
    EventTypePatterns: components['schemas']['EventTypePattern'][];
    /**
     * @description Optional filter on the event: every condition must hold for the event to be delivered.
     *     Keys are dot paths into the event, starting with `payload.` (payload fields) or `headers.`
     *     (event headers), e.g. `payload.customer.country`. A value is either a literal (equality)
     *     or an object of operators: `$eq`, `$ne`, `$gt`, `$gte`, `$lt`, `$lte` (numbers or strings),
     *     `$in`, `$nin` (arrays of literals), `$exists` (boolean). A path that does not exist compares
     *     as missing: only `$ne`, `$nin` and `$exists: false` match it. The server checks the filter's
     *     shape and names a bad condition (`/body/filter/payload.amount/$gtee`).
     */
    EndpointFilter: {
      [key: string]: unknown;
    };
    /** @description Filter, or `null` for none. */
    NullableEndpointFilter: components['schemas']['EndpointFilter'] | null;
    /** @description Per-endpoint delivery rate limit (token bucket). */
    RateLimit: {
      /** @description Sustained deliveries per second. */
      perSecond: number;
      /** @description Deliveries allowed at once above the sustained rate; defaults to `perSecond`. */
      burst?: number;
    };
    /** @description Rate limit, or `null` for none (the tenant's limit still applies). */
    NullableRateLimit: components['schemas']['RateLimit'] | null;
    /** @description Most requests in flight to this endpoint at once, or `null` for no per-endpoint cap. */
    NullableMaxConcurrency: number | null;
    /**
     * @description Request timeout in milliseconds.
     * @default 15000
     */
    TimeoutMs: number;
    /**
     * @description Delays in seconds before each retry (the first entry is the delay before the second attempt).
     *     The default schedule is `[0, 5, 300, 1800, 7200, 18000, 36000, 36000]`, each with ±20 % jitter.
     */
    RetrySchedule: number[];
    /** @description Retry schedule override, or `null` for the installation's default schedule. */
    NullableRetrySchedule: components['schemas']['RetrySchedule'] | null;
    /**
     * @description `hmac`: `webhook-signature: v1,<base64 HMAC-SHA256>` (Standard Webhooks symmetric).
     *     `ed25519`: `webhook-signature: v1a,<base64 Ed25519 signature>` (Standard Webhooks asymmetric);
     *     receivers verify with `publicKey`.
     * @default hmac
     * @enum {string}
     */
    SigningScheme: 'hmac' | 'ed25519';
    /**
     * @description The body each delivery carries. `raw`: the event's payload, byte for byte as it was sent.
     *     `envelope`: `{"type":"<event type>","timestamp":"<when the event was accepted, RFC 3339>","data":<the payload, byte for byte>}`,
     *     the body Standard Webhooks recommends. Either way the body is signed as sent, and every request
     *     carries the event type in the `webhook-event-type` header.
     * @default raw
     * @enum {string}
     */
    PayloadFormat: 'raw' | 'envelope';
    /**
     * @description Whether each request carries the attempt's W3C `traceparent` header, so the receiver's own
     *     traces join Caravan's (ingest → routing → this attempt). Sent only while the installation
     *     exports traces (OpenTelemetry, `OTEL_*` settings); the header is not signed.
     * @default false
     */
    SendTraceparent: boolean;
    /** @description Ed25519 public key, `whpk_` + base64 of 32 bytes. */
    PublicKey: string;
    /** @description Ed25519 public key for `ed25519` endpoints; `null` for `hmac` endpoints. */
    NullablePublicKey: components['schemas']['PublicKey'] | null;
    /**
     * @description The new signing secret (HMAC `whsec_…`, or Ed25519 private key `whsk_…`). Shown only in this
     *     response.
     */
    ReturnedSecret: string;
    /**
     * @description `active`: receives deliveries. `paused` (by the tenant): deliveries are kept `pending` and sent
     *     after `resumeEndpoint`. `disabled` (by Caravan, see `disabledReason`): new deliveries are
     *     `discarded` and due ones fail; `resumeEndpoint` re-enables it and `recoverEndpoint` resends.
     * @enum {string}
     */
    EndpointStatus: 'active' | 'paused' | 'disabled';
    /**
     * @description Why Caravan disabled the endpoint: `continuous_failure` (every attempt failed for the
     *     installation's threshold, 5 days by default) or `gone` (the receiver answered `410 Gone`).
     *     `null` unless `status` is `disabled`.
     */
    NullableDisabledReason: ('continuous_failure' | 'gone') | null;
    /** @description Free text, or `null`. */
    NullableDescription: components['schemas']['Description'] | null;
    /** @description A receiver URL of one of the tenant's customers, with its subscriptions and limits. */
    Endpoint: {
      id: components['schemas']['EndpointId'];
      url: components['schemas']['EndpointUrl'];
      destination: components['schemas']['EndpointDestination'];
      description: components['schemas']['NullableDescription'];
      ownerId: components['schemas']['NullableOwnerId'];
      eventTypes: components['schemas']['EventTypePatterns'];
      filter: components['schemas']['NullableEndpointFilter'];
      headers: components['schemas']['CustomHeaders'];
      rateLimit: components['schemas']['NullableRateLimit'];
      maxConcurrency: components['schemas']['NullableMaxConcurrency'];
      timeoutMs: components['schemas']['TimeoutMs'];
      retrySchedule: components['schemas']['NullableRetrySchedule'];
      egressPoolId: components['schemas']['NullableEgressPoolId'];
      payloadFormat: components['schemas']['PayloadFormat'];
      sendTraceparent: components['schemas']['SendTraceparent'];
      signingScheme: components['schemas']['SigningScheme'];
      publicKey: components['schemas']['NullablePublicKey'];
      status: components['schemas']['EndpointStatus'];
      disabledReason: components['schemas']['NullableDisabledReason'];
      createdAt: components['schemas']['Timestamp'];
      updatedAt: components['schemas']['Timestamp'];
    };
    /** @description A new endpoint and its first signing secret. The secret is never returned again. */
    EndpointCreated: {
      id: components['schemas']['EndpointId'];
      url: components['schemas']['EndpointUrl'];
      destination: components['schemas']['EndpointDestination'];
      description: components['schemas']['NullableDescription'];
      ownerId: components['schemas']['NullableOwnerId'];
      eventTypes: components['schemas']['EventTypePatterns'];
      filter: components['schemas']['NullableEndpointFilter'];
      headers: components['schemas']['CustomHeaders'];
      rateLimit: components['schemas']['NullableRateLimit'];
      maxConcurrency: components['schemas']['NullableMaxConcurrency'];
      timeoutMs: components['schemas']['TimeoutMs'];
      retrySchedule: components['schemas']['NullableRetrySchedule'];
      egressPoolId: components['schemas']['NullableEgressPoolId'];
      payloadFormat: components['schemas']['PayloadFormat'];
      sendTraceparent: components['schemas']['SendTraceparent'];
      signingScheme: components['schemas']['SigningScheme'];
      publicKey: components['schemas']['NullablePublicKey'];
      status: components['schemas']['EndpointStatus'];
      disabledReason: components['schemas']['NullableDisabledReason'];
      createdAt: components['schemas']['Timestamp'];
      updatedAt: components['schemas']['Timestamp'];
      secret: components['schemas']['ReturnedSecret'];
    };
    /**
     * @description `url` is required with the `http` destination (the default) and refused with a broker
     *     destination, whose `url` Caravan sets (`400 CARAVAN_VALIDATION_FAILED` naming `/body/url`).
     */
    CreateEndpointRequest: {
      url?: components['schemas']['HttpsUrl'];
      destination?: components['schemas']['EndpointDestinationInput'];
      description?: components['schemas']['NullableDescription'];
      ownerId?: components['schemas']['NullableOwnerId'];
      eventTypes?: components['schemas']['EventTypePatterns'];
      filter?: components['schemas']['NullableEndpointFilter'];
      headers?: components['schemas']['CustomHeaders'];
      rateLimit?: components['schemas']['NullableRateLimit'];
      maxConcurrency?: components['schemas']['NullableMaxConcurrency'];
      timeoutMs?: components['schemas']['TimeoutMs'];
      retrySchedule?: components['schemas']['NullableRetrySchedule'];
      egressPoolId?: components['schemas']['NullableEgressPoolId'];
      payloadFormat?: components['schemas']['PayloadFormat'];
      sendTraceparent?: components['schemas']['SendTraceparent'];
      signingScheme?: components['schemas']['SigningScheme'];
      secret?: components['schemas']['SigningSecret'];
    };
    /**
     * @description Fields to change; omitted fields keep their value, `null` clears a nullable field.
     *     `signingScheme` cannot change (create a new endpoint); secrets change with
     *     `rotateEndpointSecret`; `status` changes with `pauseEndpoint` / `resumeEndpoint`.
     */
    UpdateEndpointRequest: {
      url?: components['schemas']['HttpsUrl'];
      destination?: components['schemas']['EndpointDestinationInput'];
      description?: components['schemas']['NullableDescription'];
      ownerId?: components['schemas']['NullableOwnerId'];
      eventTypes?: components['schemas']['EventTypePatterns'];
      filter?: components['schemas']['NullableEndpointFilter'];
      headers?: components['schemas']['CustomHeaders'];
      rateLimit?: components['schemas']['NullableRateLimit'];
      maxConcurrency?: components['schemas']['NullableMaxConcurrency'];
      timeoutMs?: components['schemas']['TimeoutMs'];
      retrySchedule?: components['schemas']['NullableRetrySchedule'];
      egressPoolId?: components['schemas']['NullableEgressPoolId'];
      payloadFormat?: components['schemas']['PayloadFormat'];
      sendTraceparent?: components['schemas']['SendTraceparent'];
    };
    /**
     * @description Where the endpoint delivers: `http` (a signed POST to `url`; `config` is `null`) or an installed
     *     destination plugin (`listDestinationTypes`) that writes each signed delivery into the
     *     customer's broker: the body as the message, the `webhook-id`, `webhook-timestamp`,
     *     `webhook-signature`, `webhook-event-type` and custom headers as message attributes. Retries,
     *     limits, the breaker, health and operational events apply alike. Credentials are never returned.
     */
    EndpointDestination: {
      type: components['schemas']['DestinationTypeId'];
      /** @description The plugin's config, or `null` for `http`. */
      config: components['schemas']['DestinationConfig'] | null;
    };
    /**
     * @description `{ "type": "http" }` (the default), or `{ "type": "<plugin>", "config": {…}, "credentials": {…} }`.
     *     `config` and `credentials` are validated against the destination type's schemas (problems named
     *     under `/body/destination/config/…`), broker hosts against the operator's
     *     `destinations.allowedHosts`. An unknown type answers `400` naming `/body/destination/type`. On
     *     update, omitted `credentials` are kept while the type stays the same; `null` removes them.
     */
    EndpointDestinationInput: {
      type: components['schemas']['DestinationTypeId'];
      config?: components['schemas']['DestinationConfig'];
      /** @description Write-only broker credentials, encrypted at rest, never returned; `null` removes them. */
      credentials?: components['schemas']['DestinationCredentials'] | null;
    };
    /** @description Destination plugin configuration (queue, topic, exchange, …), per the type's `configSchema`. */
    DestinationConfig: {
      [key: string]: unknown;
    };
    /** @description Destination plugin credentials, per the type's `credentialsSchema`. */
    DestinationCredentials: {
      [key: string]: unknown;
    };
    /** @description An installed destination plugin. */
    DestinationType: {
      id: components['schemas']['DestinationTypeId'];
      /** @description Version of the `@caravan/destination-api` contract the plugin implements. */
      apiVersion: number;
      displayName: string;
      configSchema: components['schemas']['JsonSchemaDocument'];
      credentialsSchema: components['schemas']['JsonSchemaDocument'];
    };
    /** @description Every installed destination plugin (not paginated). */
    DestinationTypeList: {
      data: components['schemas']['DestinationType'][];
    };
    EndpointList: {
      data: components['schemas']['Endpoint'][];
      nextCursor: components['schemas']['NextCursor'];
    };
    /** @description One signing secret of an endpoint (never its value). */
    EndpointSecret: {
      id: components['schemas']['SecretId'];
      /** @description `true` for the current secret; `false` for previous secrets still in their grace period. */
      current: boolean;
      publicKey: components['schemas']['NullablePublicKey'];
      createdAt: components['schemas']['Timestamp'];
      expiresAt: components['schemas']['NullableTimestamp'];
    };
    /**
     * @description The current secret first, then live previous secrets, newest first (at most 11 in all).
     *     Expired secrets are not listed.
     */
    EndpointSecretList: {
      data: components['schemas']['EndpointSecret'][];
    };
    RotateEndpointSecretRequest: {
      /**
       * @description How long the secret being replaced keeps signing (alongside the new one). `0` retires it at
       *     once (emergency rotation after a leak).
       * @default 86400
       */
      gracePeriodSeconds?: number;
      secret?: components['schemas']['SigningSecret'];
    };
    RotatedEndpointSecret: {
      id: components['schemas']['SecretId'];
      secret: components['schemas']['ReturnedSecret'];
      publicKey: components['schemas']['NullablePublicKey'];
      previousSecretsExpireAt: components['schemas']['Timestamp'];
    };
    RecoverEndpointRequest: {
      since: components['schemas']['Timestamp'];
      until?: components['schemas']['Timestamp'];
    };
    /**
     * @description `closed`: deliveries flow. `open`: deliveries are parked without spending attempts until
     *     `nextProbeAt`. `half_open`: one probe request decides whether to close or reopen.
     * @enum {string}
     */
    BreakerState: 'closed' | 'open' | 'half_open';
    HealthError: {
      code: components['schemas']['AttemptErrorCode'];
      message: string;
      statusCode: number | null;
      at: components['schemas']['Timestamp'];
    };
    EndpointHealth: {
      endpointId: components['schemas']['EndpointId'];
      status: components['schemas']['EndpointStatus'];
      breakerState: components['schemas']['BreakerState'];
      breakerOpenedAt: components['schemas']['NullableTimestamp'];
      nextProbeAt: components['schemas']['NullableTimestamp'];
      /** @description Share of successful attempts in the window (0..1), or `null` with no attempts. */
      recentSuccessRate: number | null;
      /** @description Attempts in the window. */
      recentAttempts: number;
      /** @description Length of the window the recent figures cover. */
      windowSeconds: number;
      lastSuccessAt: components['schemas']['NullableTimestamp'];
      /** @description The most recent failed attempt's error, or `null`. */
      lastError: components['schemas']['HealthError'] | null;
      failingSince: components['schemas']['NullableTimestamp'];
    };
    /**
     * @description A JSON Schema (draft-07) for event payloads. The server checks that it is a valid schema and
     *     names the first problem (`/body/schema/properties/amount/type`).
     */
    JsonSchemaDocument: {
      [key: string]: unknown;
    };
    /** @description JSON Schema the payload must satisfy, or `null` to accept any payload. */
    NullableJsonSchemaDocument: components['schemas']['JsonSchemaDocument'] | null;
    EventType: {
      name: components['schemas']['EventTypeName'];
      description: components['schemas']['NullableDescription'];
      schema: components['schemas']['NullableJsonSchemaDocument'];
      createdAt: components['schemas']['Timestamp'];
      updatedAt: components['schemas']['Timestamp'];
    };
    CreateEventTypeRequest: {
      name: components['schemas']['EventTypeName'];
      description?: components['schemas']['NullableDescription'];
      schema?: components['schemas']['NullableJsonSchemaDocument'];
    };
    /** @description Fields to change; omitted fields keep their value. The name cannot change. */
    UpdateEventTypeRequest: {
      description?: components['schemas']['NullableDescription'];
      schema?: components['schemas']['NullableJsonSchemaDocument'];
    };
    EventTypeList: {
      data: components['schemas']['EventType'][];
      nextCursor: components['schemas']['NextCursor'];
    };
    /**
     * @description Producer's key for this event. Every ingest with the same key (per tenant) maps to the same
     *     event id; only the first payload is kept.
     */
    IdempotencyKeyValue: string;
    /**
     * @description One event. The same document is the `caravan` message format of sources. Routing:
     *     `endpointId` targets that endpoint only, `ownerId` all endpoints of that owner, neither every
     *     endpoint subscribed to `eventType`; in every case the endpoint's event type patterns and filter
     *     must also match.
     */
    SendEventRequest: {
      eventType: components['schemas']['EventTypeName'];
      /**
       * @description Any JSON value. Its exact bytes are kept and delivered. If the event type has a JSON Schema,
       *     the payload must satisfy it (`CARAVAN_PAYLOAD_SCHEMA_MISMATCH`, naming the field).
       */
      payload: unknown;
      idempotencyKey?: components['schemas']['IdempotencyKeyValue'];
      endpointId?: components['schemas']['EndpointId'];
      ownerId?: components['schemas']['OwnerId'];
      headers?: components['schemas']['CustomHeaders'];
    };
    SendEventResponse: {
      id: components['schemas']['EventId'];
      /**
       * @description `true` when Caravan already had an event with this `idempotencyKey`; `id` is then the first
       *     event's id and nothing new was stored. A retry that races the first request may get
       *     `false` with the same `id`; either way only one event exists.
       */
      duplicate: boolean;
    };
    SendEventBatchRequest: {
      events: components['schemas']['SendEventRequest'][];
    };
    /** @description One result per event, in request order. */
    SendEventBatchResponse: {
      data: components['schemas']['SendEventResponse'][];
    };
    /** @description Endpoint id, or `null`. */
    NullableEndpointId: components['schemas']['EndpointId'] | null;
    /** @description The source the event came from, or `null` when it was sent over the REST API. */
    NullableSourceId: components['schemas']['SourceId'] | null;
    /** @description The event's idempotency key, or `null`. */
    NullableIdempotencyKey: components['schemas']['IdempotencyKeyValue'] | null;
    /** @description An event without its payload, as lists show it. */
    EventSummary: {
      id: components['schemas']['EventId'];
      eventType: components['schemas']['EventTypeName'];
      idempotencyKey: components['schemas']['NullableIdempotencyKey'];
      endpointId: components['schemas']['NullableEndpointId'];
      ownerId: components['schemas']['NullableOwnerId'];
      headers: components['schemas']['EventHeaders'];
      sourceId: components['schemas']['NullableSourceId'];
      createdAt: components['schemas']['Timestamp'];
    };
    /**
     * @description Headers delivered with the event: those sent on ingest, plus, for events from a source, the
     *     broker message id and attributes.
     */
    EventHeaders: {
      [key: string]: string;
    };
    /** @description An event with its payload and its deliveries. */
    Event: {
      id: components['schemas']['EventId'];
      eventType: components['schemas']['EventTypeName'];
      /** @description The payload as ingested (any JSON value). */
      payload: unknown;
      idempotencyKey: components['schemas']['NullableIdempotencyKey'];
      endpointId: components['schemas']['NullableEndpointId'];
      ownerId: components['schemas']['NullableOwnerId'];
      headers: components['schemas']['EventHeaders'];
      sourceId: components['schemas']['NullableSourceId'];
      createdAt: components['schemas']['Timestamp'];
      /**
       * @description The event's deliveries, newest first, at most 100. When `hasMoreDeliveries` is `true`,
       *     page through all of them with `listDeliveries?eventId=`.
       */
      deliveries: components['schemas']['Delivery'][];
      hasMoreDeliveries: boolean;
    };
    EventList: {
      data: components['schemas']['EventSummary'][];
      nextCursor: components['schemas']['NextCursor'];
    };
    /**
     * @description `pending`: waiting for its first attempt (or held while the endpoint is paused).
     *     `retrying`: an attempt failed and another is scheduled at `nextAttemptAt`.
     *     `succeeded`: an attempt got a 2xx answer.
     *     `failed`: the retry schedule is used up, or the endpoint was disabled.
     *     `discarded`: never sent, because the endpoint was disabled or deleted.
     * @enum {string}
     */
    DeliveryStatus: 'pending' | 'retrying' | 'succeeded' | 'failed' | 'discarded';
    /**
     * @description Why an attempt failed. `non_2xx_status`: the receiver answered, but not with 2xx (redirects are
     *     not followed; see `statusCode`). `timeout`: no complete answer within `timeoutMs`.
     *     `dns_failed`, `connection_failed`, `tls_failed`: the request could not be sent.
     *     `address_not_allowed`: the URL resolved to an address the SSRF guard refuses.
     *     `destination_unavailable`: a broker destination did not take the message (unreachable,
     *     throttled, refused the credentials); retried. `destination_rejected`: the broker will never
     *     take it as it is (too large, for instance); not retried.
     * @enum {string}
     */
    AttemptErrorCode:
      | 'non_2xx_status'
      | 'timeout'
      | 'dns_failed'
      | 'connection_failed'
      | 'tls_failed'
      | 'address_not_allowed'
      | 'destination_unavailable'
      | 'destination_rejected';
    AttemptError: {
      code: components['schemas']['AttemptErrorCode'];
      message: string;
    };
    /** @description The error, or `null`. */
    NullableAttemptError: components['schemas']['AttemptError'] | null;
    /** @description HTTP status the receiver answered, or `null` when no answer arrived. */
    NullableStatusCode: number | null;
    /** @description One (event, endpoint) pair and its progress. */
    Delivery: {
      id: components['schemas']['DeliveryId'];
      eventId: components['schemas']['EventId'];
      endpointId: components['schemas']['EndpointId'];
      eventType: components['schemas']['EventTypeName'];
      status: components['schemas']['DeliveryStatus'];
      /** @description Attempts made so far (waits for rate limits or an open breaker are not attempts). */
      attemptCount: number;
      nextAttemptAt: components['schemas']['NullableTimestamp'];
      lastAttemptAt: components['schemas']['NullableTimestamp'];
      lastStatusCode: components['schemas']['NullableStatusCode'];
      lastError: components['schemas']['NullableAttemptError'];
      createdAt: components['schemas']['Timestamp'];
      updatedAt: components['schemas']['Timestamp'];
    };
    DeliveryList: {
      data: components['schemas']['Delivery'][];
      nextCursor: components['schemas']['NextCursor'];
    };
    /** @description HTTP headers, lower-case name → value (repeated headers joined with `, `). */
    HeaderMap: {
      [key: string]: string;
    };
    /** @description One HTTP request made for a delivery. */
    Attempt: {
      id: components['schemas']['AttemptId'];
      deliveryId: components['schemas']['DeliveryId'];
      attemptNumber: number;
      /**
       * @description `scheduled` (first try and automatic retries) or `manual` (retry, recover, replay).
       * @enum {string}
       */
      trigger: 'scheduled' | 'manual';
      url: components['schemas']['EndpointUrl'];
      startedAt: components['schemas']['Timestamp'];
      durationMs: number;
      statusCode: components['schemas']['NullableStatusCode'];
      error: components['schemas']['NullableAttemptError'];
      requestHeaders: components['schemas']['HeaderMap'];
      /** @description The receiver's response headers, or `null` when no answer arrived. */
      responseHeaders: components['schemas']['HeaderMap'] | null;
      /** @description The first 4096 characters of the response body, or `null` when there was none. */
      responseBodyExcerpt: string | null;
      /**
       * @description The local address (`bind` pools) or proxy (`proxy` pools, without credentials) the
       *     request left through, or `null` when it was sent directly.
       */
      egressAddress: string | null;
    };
    AttemptList: {
      data: components['schemas']['Attempt'][];
      nextCursor: components['schemas']['NextCursor'];
    };
    /**
     * @description Which deliveries to retry. Every given condition must hold. `since` is required so the job scans
     *     a bounded range.
     */
    BulkRetryRequest: {
      /**
       * @description Statuses to retry.
       * @default [
       *       "failed"
       *     ]
       */
      status?: ('failed' | 'discarded' | 'succeeded')[];
      endpointId?: components['schemas']['EndpointId'];
      eventId?: components['schemas']['EventId'];
      eventType?: components['schemas']['EventTypeName'];
      since: components['schemas']['Timestamp'];
      until?: components['schemas']['Timestamp'];
    };
    /** @description Background work started by bulk retry, endpoint recovery or event replay. */
    Job: {
      id: components['schemas']['JobId'];
      /** @enum {string} */
      type: 'bulk_retry' | 'endpoint_recover' | 'event_replay';
      /** @enum {string} */
      status: 'queued' | 'running' | 'succeeded' | 'failed';
      /** @description Deliveries the job will handle, or `null` until it has counted them. */
      total: number | null;
      /** @description Deliveries queued again so far. */
      processed: number;
      /** @description Why the job failed, or `null`. */
      error: components['schemas']['JobError'] | null;
      createdAt: components['schemas']['Timestamp'];
      updatedAt: components['schemas']['Timestamp'];
      finishedAt: components['schemas']['NullableTimestamp'];
    };
    JobError: {
      code: components['schemas']['ErrorCode'];
      message: string;
    };
    /**
     * @description How a broker message becomes an event. `caravan`: the body is a `SendEventRequest` document.
     *     `convoy`: the body is a Convoy event (`event_type`, `data`, `endpoint_id`, `owner_id`,
     *     `custom_headers`, `idempotency_key`). `raw`: the whole body is the payload; event type and
     *     routing come from the message attributes named in `raw`.
     * @default caravan
     * @enum {string}
     */
    SourceFormat: 'caravan' | 'convoy' | 'raw';
    AttributeName: string;
    /**
     * @description Attribute names for the `raw` format. A message without the `eventTypeAttribute` attribute
     *     becomes a dead letter. Without `idempotencyKeyAttribute`, the broker message id is the
     *     idempotency key.
     */
    RawFormatOptions: {
      eventTypeAttribute: components['schemas']['AttributeName'];
      endpointIdAttribute?: components['schemas']['AttributeName'];
      ownerIdAttribute?: components['schemas']['AttributeName'];
      idempotencyKeyAttribute?: components['schemas']['AttributeName'];
    };
    /** @description Options of the `raw` format (required when `format` is `raw`), otherwise `null`. */
    NullableRawFormatOptions: components['schemas']['RawFormatOptions'] | null;
    /**
     * @description Plugin configuration (subscription, queue, topic, …). Validated against the source type's
     *     `configSchema`; problems are named under `/body/config/…`.
     */
    SourceConfig: {
      [key: string]: unknown;
    };
    /**
     * @description Write-only broker credentials, validated against the source type's `credentialsSchema`
     *     (problems named under `/body/credentials/…`). Encrypted at rest and never returned.
     */
    SourceCredentials: {
      [key: string]: unknown;
    };
    /**
     * @description Concurrent pullers for this source.
     * @default 1
     */
    SourceWorkers: number;
    /**
     * @description `running`: consuming (or waiting for a worker process to take it; `workerId` is then `null`).
     *     `paused`: stopped by the tenant. `error`: the consumer keeps failing (see `lastError`); Caravan
     *     keeps retrying with back-off.
     * @enum {string}
     */
    SourceState: 'running' | 'paused' | 'error';
    /** @description Counters since the source was created. */
    SourceMetrics: {
      messagesReceived: number;
      /** @description Messages that became events (or were known duplicates) and were acknowledged. */
      eventsAccepted: number;
      /** @description Messages handed back to the broker for redelivery (log unavailable, ingest limit, shutdown). */
      messagesRetried: number;
      /** @description Messages stored as dead letters. */
      messagesRejected: number;
    };
    SourceError: {
      /** @description Stable code of the plugin or host error (e.g. `CARAVAN_SOURCE_AUTH_FAILED`). */
      code: string;
      message: string;
      at: components['schemas']['Timestamp'];
    };
    SourceStatus: {
      state: components['schemas']['SourceState'];
      /** @description The worker process that holds the source's lease, or `null`. */
      workerId: string | null;
      /** @description The consumer's most recent error, or `null`. */
      lastError: components['schemas']['SourceError'] | null;
      lastMessageAt: components['schemas']['NullableTimestamp'];
      metrics: components['schemas']['SourceMetrics'];
    };
    /** @description A broker subscription or queue Caravan pulls events from. */
    Source: {
      id: components['schemas']['SourceId'];
      name: components['schemas']['Name'];
      type: components['schemas']['SourceTypeId'];
      config: components['schemas']['SourceConfig'];
      /** @description Whether credentials are stored (they are never returned). */
      hasCredentials: boolean;
      workers: components['schemas']['SourceWorkers'];
      format: components['schemas']['SourceFormat'];
      raw: components['schemas']['NullableRawFormatOptions'];
      status: components['schemas']['SourceStatus'];
      createdAt: components['schemas']['Timestamp'];
      updatedAt: components['schemas']['Timestamp'];
    };
    CreateSourceRequest: {
      name: components['schemas']['Name'];
      type: components['schemas']['SourceTypeId'];
      config: components['schemas']['SourceConfig'];
      credentials?: components['schemas']['SourceCredentials'];
      workers?: components['schemas']['SourceWorkers'];
      format?: components['schemas']['SourceFormat'];
      raw?: components['schemas']['NullableRawFormatOptions'];
    };
    /**
     * @description Fields to change; omitted fields keep their value. `type` cannot change. New `credentials`
     *     replace the old ones without a gap: the consumer with the new credentials starts before the old
     *     one stops. `credentials: null` removes stored credentials (e.g. to use the host's ambient
     *     identity). `config` is replaced as a whole.
     */
    UpdateSourceRequest: {
      name?: components['schemas']['Name'];
      config?: components['schemas']['SourceConfig'];
      /** @description New credentials, or `null` to remove them. */
      credentials?: components['schemas']['SourceCredentials'] | null;
      workers?: components['schemas']['SourceWorkers'];
      format?: components['schemas']['SourceFormat'];
      raw?: components['schemas']['NullableRawFormatOptions'];
    };
    SourceList: {
      data: components['schemas']['Source'][];
      nextCursor: components['schemas']['NextCursor'];
    };
    /** @description Why the message could not become an event, in the same terms as an ingest error. */
    DeadLetterReason: {
      code: components['schemas']['ErrorCode'];
      message: string;
      /**
       * @description Invalid fields. Pointers start with `/body` (the message body) or `/attributes`
       *     (e.g. `/attributes/eventType` for a missing attribute of the `raw` format).
       */
      errors: components['schemas']['FieldError'][];
    };
    /** @description A broker message a source could not turn into an event. */
    DeadLetter: {
      id: components['schemas']['DeadLetterId'];
      sourceId: components['schemas']['SourceId'];
      /** @description The broker's message id. */
      messageId: string;
      /**
       * Format: byte
       * @description The message body, base64-encoded.
       */
      body: string;
      /** @description The broker message's attributes. */
      attributes: {
        [key: string]: string;
      };
      reason: components['schemas']['DeadLetterReason'];
      receivedAt: components['schemas']['Timestamp'];
      replayedAt: components['schemas']['NullableTimestamp'];
      /** @description The event the last successful replay produced, or `null`. */
      replayedEventId: components['schemas']['EventId'] | null;
    };
    DeadLetterList: {
      data: components['schemas']['DeadLetter'][];
      nextCursor: components['schemas']['NextCursor'];
    };
    /** @description An installed source plugin. */
    SourceType: {
      id: components['schemas']['SourceTypeId'];
      /** @description Version of the `@caravan/source-api` contract the plugin implements. */
      apiVersion: number;
      displayName: string;
      configSchema: components['schemas']['JsonSchemaDocument'];
      credentialsSchema: components['schemas']['JsonSchemaDocument'];
    };
    /** @description Every installed source plugin (not paginated). */
    SourceTypeList: {
      data: components['schemas']['SourceType'][];
    };
    /**
     * @description `endpoint.disabled`: Caravan disabled an endpoint. `endpoint.recovered`: a failing endpoint
     *     succeeded again. `endpoint.breaker_opened`: an endpoint's circuit breaker opened.
     *     `delivery.exhausted`: a delivery used up its retry schedule and is `failed`.
     * @enum {string}
     */
    OperationalEventType:
      'endpoint.disabled' | 'endpoint.recovered' | 'endpoint.breaker_opened' | 'delivery.exhausted';
    EndpointDisabledEvent: {
      id: components['schemas']['OperationalEventId'];
      /** @enum {string} */
      type: 'endpoint.disabled';
      createdAt: components['schemas']['Timestamp'];
      data: {
        endpointId: components['schemas']['EndpointId'];
        ownerId: components['schemas']['NullableOwnerId'];
        /** @enum {string} */
        reason: 'continuous_failure' | 'gone';
        failingSince: components['schemas']['NullableTimestamp'];
        lastError: components['schemas']['NullableAttemptError'];
      };
    };
    EndpointRecoveredEvent: {
      id: components['schemas']['OperationalEventId'];
      /** @enum {string} */
      type: 'endpoint.recovered';
      createdAt: components['schemas']['Timestamp'];
      data: {
        endpointId: components['schemas']['EndpointId'];
        ownerId: components['schemas']['NullableOwnerId'];
        failingSince: components['schemas']['Timestamp'];
      };
    };
    EndpointBreakerOpenedEvent: {
      id: components['schemas']['OperationalEventId'];
      /** @enum {string} */
      type: 'endpoint.breaker_opened';
      createdAt: components['schemas']['Timestamp'];
      data: {
        endpointId: components['schemas']['EndpointId'];
        ownerId: components['schemas']['NullableOwnerId'];
        nextProbeAt: components['schemas']['Timestamp'];
        lastError: components['schemas']['NullableAttemptError'];
      };
    };
    DeliveryExhaustedEvent: {
      id: components['schemas']['OperationalEventId'];
      /** @enum {string} */
      type: 'delivery.exhausted';
      createdAt: components['schemas']['Timestamp'];
      data: {
        deliveryId: components['schemas']['DeliveryId'];
        eventId: components['schemas']['EventId'];
        eventType: components['schemas']['EventTypeName'];
        endpointId: components['schemas']['EndpointId'];
        ownerId: components['schemas']['NullableOwnerId'];
        attemptCount: number;
        lastStatusCode: components['schemas']['NullableStatusCode'];
        lastError: components['schemas']['NullableAttemptError'];
      };
    };
    /**
     * @description Something about the tenant's own endpoints that the tenant should know. Listed by
     *     `listOperationalEvents` and, when the tenant has an `operationsUrl`, also sent there as a signed
     *     webhook whose body is this object (`webhook-id` = `id`, HMAC-signed with the tenant's
     *     `operationsSecret`, the same headers and retries as any delivery).
     */
    OperationalEvent:
      | components['schemas']['EndpointDisabledEvent']
      | components['schemas']['EndpointRecoveredEvent']
      | components['schemas']['EndpointBreakerOpenedEvent']
      | components['schemas']['DeliveryExhaustedEvent'];
    OperationalEventList: {
      data: components['schemas']['OperationalEvent'][];
      nextCursor: components['schemas']['NextCursor'];
    };
  };
  responses: {
    /**
     * @description The request is invalid: `CARAVAN_VALIDATION_FAILED` (each invalid field in `errors[]`),
     *     `CARAVAN_MALFORMED_JSON` (the body is not JSON; `detail` gives the line and column), or an
     *     operation-specific code such as `CARAVAN_PAYLOAD_SCHEMA_MISMATCH` or `CARAVAN_URL_NOT_ALLOWED`.
     */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:caravan:problem:validation-failed",
         *       "title": "Request validation failed",
         *       "status": 400,
         *       "detail": "2 fields are invalid.",
         *       "instance": "/v1/endpoints",
         *       "code": "CARAVAN_VALIDATION_FAILED",
         *       "errors": [
         *         {
         *           "field": "/body/url",
         *           "message": "must match format \"uri\""
         *         },
         *         {
         *           "field": "/body/timeoutMs",
         *           "message": "must be <= 60000"
         *         }
         *       ]
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The bearer key is missing, unknown, expired or revoked (`CARAVAN_UNAUTHORIZED`). */
    Unauthorized: {
      headers: {
        'WWW-Authenticate': components['headers']['WwwAuthenticate'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:caravan:problem:unauthorized",
         *       "title": "Unauthorized",
         *       "status": 401,
         *       "detail": "A valid bearer key is required.",
         *       "code": "CARAVAN_UNAUTHORIZED"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /**
     * @description The admin key was used on a tenant operation (`CARAVAN_FORBIDDEN`). Tenant operations need a
     *     tenant API key.
     */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:caravan:problem:forbidden",
         *       "title": "Forbidden",
         *       "status": 403,
         *       "detail": "This operation needs a tenant API key.",
         *       "code": "CARAVAN_FORBIDDEN"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /**
     * @description The resource does not exist or belongs to another tenant (the two are indistinguishable), or
     *     an admin operation was called with a tenant key (`CARAVAN_NOT_FOUND`), or a customer portal
     *     token (`createPortalToken`) called an operation or named a resource outside its owner. The code
     *     names the kind of resource, e.g. `CARAVAN_ENDPOINT_NOT_FOUND`. A reference in the body to an unknown resource
     *     answers the same way, with the field in `errors[]`.
     */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:caravan:problem:endpoint-not-found",
         *       "title": "Endpoint not found",
         *       "status": 404,
         *       "detail": "No endpoint ep_01JB9Z0F3H6K9M2P5R8T1W4Y7B.",
         *       "instance": "/v1/endpoints/ep_01JB9Z0F3H6K9M2P5R8T1W4Y7B",
         *       "code": "CARAVAN_ENDPOINT_NOT_FOUND"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /**
     * @description The request conflicts with the current state, e.g. `CARAVAN_IDEMPOTENCY_KEY_REUSED`,
     *     `CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS`, `CARAVAN_EVENT_TYPE_EXISTS`,
     *     `CARAVAN_ENDPOINT_LIMIT_REACHED`, `CARAVAN_TOO_MANY_SECRETS`, `CARAVAN_EGRESS_POOL_IN_USE` or
     *     `CARAVAN_CONFLICT`.
     */
    Conflict: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:caravan:problem:idempotency-key-reused",
         *       "title": "Idempotency key reused",
         *       "status": 409,
         *       "detail": "Idempotency-Key \"create-ep-42\" was used with a different request body.",
         *       "code": "CARAVAN_IDEMPOTENCY_KEY_REUSED"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /**
     * @description The body is larger than allowed (`CARAVAN_PAYLOAD_TOO_LARGE`). On ingest, an event payload over
     *     the tenant's `maxPayloadBytes` is named in `errors[]`.
     */
    PayloadTooLarge: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:caravan:problem:payload-too-large",
         *       "title": "Payload too large",
         *       "status": 413,
         *       "detail": "The payload is 2097152 bytes; this tenant allows 1048576.",
         *       "code": "CARAVAN_PAYLOAD_TOO_LARGE",
         *       "errors": [
         *         {
         *           "field": "/body/payload",
         *           "message": "must be at most 1048576 bytes"
         *         }
         *       ]
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The body is not `application/json` (`CARAVAN_UNSUPPORTED_MEDIA_TYPE`). */
    UnsupportedMediaType: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:caravan:problem:unsupported-media-type",
         *       "title": "Unsupported media type",
         *       "status": 415,
         *       "detail": "Send the body as application/json; got text/plain.",
         *       "code": "CARAVAN_UNSUPPORTED_MEDIA_TYPE"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /**
     * @description Over a rate limit: the key's API rate limit (`CARAVAN_RATE_LIMITED`) or, on ingest, the
     *     tenant's ingest limit (`CARAVAN_INGEST_RATE_LIMITED`). The `RateLimit-*` headers describe the
     *     limit that was hit.
     */
    TooManyRequests: {
      headers: {
        'Retry-After': components['headers']['RetryAfter'];
        'RateLimit-Limit': components['headers']['RateLimitLimit'];
        'RateLimit-Remaining': components['headers']['RateLimitRemaining'];
        'RateLimit-Reset': components['headers']['RateLimitReset'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:caravan:problem:rate-limited",
         *       "title": "Rate limited",
         *       "status": 429,
         *       "detail": "This key may make 100 requests per second. Retry in 1 second.",
         *       "code": "CARAVAN_RATE_LIMITED"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description An unexpected error (`CARAVAN_INTERNAL`). Safe to retry with the same `Idempotency-Key`. */
    InternalError: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:caravan:problem:internal",
         *       "title": "Internal error",
         *       "status": 500,
         *       "detail": "An unexpected error occurred. Quote the request id when reporting it.",
         *       "code": "CARAVAN_INTERNAL",
         *       "requestId": "req_01JBA3F6H8K0M2P4R6T8W0Y2B4"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /**
     * @description Caravan cannot make the work durable right now (`CARAVAN_LOG_UNAVAILABLE`): nothing was
     *     accepted. Retry after `Retry-After` seconds; ingest retries are safe with an `idempotencyKey`.
     */
    ServiceUnavailable: {
      headers: {
        'Retry-After': components['headers']['RetryAfter'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "urn:caravan:problem:log-unavailable",
         *       "title": "Log unavailable",
         *       "status": 503,
         *       "detail": "The internal log is not accepting writes. Nothing was stored.",
         *       "code": "CARAVAN_LOG_UNAVAILABLE"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
  };
  parameters: {
    /** @description Maximum number of items in the page. */
    Limit: number;
    /**
     * @description Opaque cursor from a previous page's `nextCursor`. Send the same filters again with it.
     *     Omit it to get the first page.
     */
    Cursor: string;
    /**
     * @description Makes the request safe to retry. Within 24 hours, a repeat with the same key, method, path and
     *     credential replays the first answer (with `Idempotent-Replayed: true`) instead of acting again.
     *     The same key with a different body answers `409 CARAVAN_IDEMPOTENCY_KEY_REUSED`; a repeat while
     *     the first request is still running answers `409 CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS`.
     *     Answers with a 5xx status are not stored.
     */
    IdempotencyKey: string;
    /** @description Only items created at or after this instant. */
    Since: string;
    /** @description Only items created before this instant. */
    Until: string;
    /** @description Only items with this `ownerId`. */
    OwnerIdQuery: components['schemas']['OwnerId'];
    /** @description Only events of this exact type. */
    EventTypeQuery: components['schemas']['EventTypeName'];
    /** @description Only deliveries to this endpoint. */
    EndpointIdQuery: components['schemas']['EndpointId'];
    /** @description Only deliveries of this event. */
    EventIdQuery: components['schemas']['EventId'];
    /** @description Only deliveries in one of these statuses (repeat the parameter for several). */
    DeliveryStatusQuery: components['schemas']['DeliveryStatus'][];
    /** @description Only operational events of this type. */
    OperationalEventTypeQuery: components['schemas']['OperationalEventType'];
    TenantIdPath: components['schemas']['TenantId'];
    ApiKeyIdPath: components['schemas']['ApiKeyId'];
    EndpointIdPath: components['schemas']['EndpointId'];
    EventTypeNamePath: components['schemas']['EventTypeName'];
    EventIdPath: components['schemas']['EventId'];
    DeliveryIdPath: components['schemas']['DeliveryId'];
    JobIdPath: components['schemas']['JobId'];
    SourceIdPath: components['schemas']['SourceId'];
    DeadLetterIdPath: components['schemas']['DeadLetterId'];
    SourceTypeIdPath: components['schemas']['SourceTypeId'];
    DestinationTypeIdPath: components['schemas']['DestinationTypeId'];
    EgressPoolIdPath: components['schemas']['EgressPoolId'];
  };
  requestBodies: never;
  headers: {
    /** @description Seconds to wait before trying again. */
    RetryAfter: number;
    /** @description Requests allowed in the current window for this key. */
    RateLimitLimit: number;
    /** @description Requests left in the current window for this key. */
    RateLimitRemaining: number;
    /** @description Seconds until the current window resets. */
    RateLimitReset: number;
    /** @description Always `Bearer`. */
    WwwAuthenticate: string;
    /**
     * @description `true` when this answer is a replay of an earlier request with the same `Idempotency-Key`.
     *     Absent otherwise.
     */
    IdempotentReplayed: 'true';
    /** @description Path of the job that tracks the work, e.g. `/v1/jobs/job_01JBA1D4F6H8K0M2P4R6T8W0Y2`. */
    JobLocation: string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listTenants: {
    parameters: {
      query?: {
        /** @description Maximum number of items in the page. */
        limit?: components['parameters']['Limit'];
        /**
         * @description Opaque cursor from a previous page's `nextCursor`. Send the same filters again with it.
         *     Omit it to get the first page.
         */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of tenants, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "tnt_01JB9Y2M4T8K3Q7V5X1Z6C9D0E",
           *           "name": "Acme Billing",
           *           "limits": {
           *             "ingestPerSecond": 500,
           *             "deliveriesPerSecond": 1000,
           *             "maxEndpoints": 10000,
           *             "maxPayloadBytes": 1048576,
           *             "eventShards": 2
           *           },
           *           "operationsUrl": "https://ops.acme.example/caravan",
           *           "hasOperationsSecret": true,
           *           "defaultEgressPoolId": "pool_01JB9W1B3D5F7H9K1M3P5R7T9V",
           *           "requireRegisteredEventTypes": false,
           *           "createdAt": "2024-10-28T09:15:02.118Z",
           *           "updatedAt": "2024-10-29T14:02:45.007Z"
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['TenantList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  createTenant: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Makes the request safe to retry. Within 24 hours, a repeat with the same key, method, path and
         *     credential replays the first answer (with `Idempotent-Replayed: true`) instead of acting again.
         *     The same key with a different body answers `409 CARAVAN_IDEMPOTENCY_KEY_REUSED`; a repeat while
         *     the first request is still running answers `409 CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS`.
         *     Answers with a 5xx status are not stored.
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "Acme Billing",
         *       "limits": {
         *         "ingestPerSecond": 500,
         *         "maxEndpoints": 10000
         *       }
         *     }
         */
        'application/json': components['schemas']['CreateTenantRequest'];
      };
    };
    responses: {
      /** @description The tenant. */
      201: {
        headers: {
          'Idempotent-Replayed': components['headers']['IdempotentReplayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "tnt_01JB9Y2M4T8K3Q7V5X1Z6C9D0E",
           *       "name": "Acme Billing",
           *       "limits": {
           *         "ingestPerSecond": 500,
           *         "deliveriesPerSecond": 1000,
           *         "maxEndpoints": 10000,
           *         "maxPayloadBytes": 1048576,
           *         "eventShards": 2
           *       },
           *       "operationsUrl": null,
           *       "hasOperationsSecret": false,
           *       "defaultEgressPoolId": null,
           *       "requireRegisteredEventTypes": false,
           *       "createdAt": "2024-10-28T09:15:02.118Z",
           *       "updatedAt": "2024-10-28T09:15:02.118Z"
           *     }
           */
          'application/json': components['schemas']['Tenant'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  getTenant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        tenantId: components['parameters']['TenantIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The tenant. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "tnt_01JB9Y2M4T8K3Q7V5X1Z6C9D0E",
           *       "name": "Acme Billing",
           *       "limits": {
           *         "ingestPerSecond": 500,
           *         "deliveriesPerSecond": 1000,
           *         "maxEndpoints": 10000,
           *         "maxPayloadBytes": 1048576,
           *         "eventShards": 2
           *       },
           *       "operationsUrl": "https://ops.acme.example/caravan",
           *       "hasOperationsSecret": true,
           *       "defaultEgressPoolId": "pool_01JB9W1B3D5F7H9K1M3P5R7T9V",
           *       "requireRegisteredEventTypes": false,
           *       "createdAt": "2024-10-28T09:15:02.118Z",
           *       "updatedAt": "2024-10-29T14:02:45.007Z"
           *     }
           */
          'application/json': components['schemas']['Tenant'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  deleteTenant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        tenantId: components['parameters']['TenantIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  updateTenant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        tenantId: components['parameters']['TenantIdPath'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "limits": {
         *         "deliveriesPerSecond": 2000
         *       },
         *       "defaultEgressPoolId": "pool_01JB9W1B3D5F7H9K1M3P5R7T9V",
         *       "requireRegisteredEventTypes": false
         *     }
         */
        'application/json': components['schemas']['UpdateTenantRequest'];
      };
    };
    responses: {
      /** @description The updated tenant. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "tnt_01JB9Y2M4T8K3Q7V5X1Z6C9D0E",
           *       "name": "Acme Billing",
           *       "limits": {
           *         "ingestPerSecond": 500,
           *         "deliveriesPerSecond": 2000,
           *         "maxEndpoints": 10000,
           *         "maxPayloadBytes": 1048576,
           *         "eventShards": 2
           *       },
           *       "operationsUrl": null,
           *       "hasOperationsSecret": false,
           *       "defaultEgressPoolId": "pool_01JB9W1B3D5F7H9K1M3P5R7T9V",
           *       "requireRegisteredEventTypes": false,
           *       "createdAt": "2024-10-28T09:15:02.118Z",
           *       "updatedAt": "2024-10-30T08:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['Tenant'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  listApiKeys: {
    parameters: {
      query?: {
        /** @description Maximum number of items in the page. */
        limit?: components['parameters']['Limit'];
        /**
         * @description Opaque cursor from a previous page's `nextCursor`. Send the same filters again with it.
         *     Omit it to get the first page.
         */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path: {
        tenantId: components['parameters']['TenantIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of API keys, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "key_01JBC2H7K9M1P3R5T7W9Y1A3C5",
           *           "name": "billing-service production (rotated)",
           *           "prefix": "ck_live_Zq81Lm",
           *           "expiresAt": null,
           *           "lastUsedAt": "2024-11-02T10:41:07.000Z",
           *           "createdAt": "2024-11-01T08:00:00.000Z"
           *         },
           *         {
           *           "id": "key_01JB9Y3A7R2N5P8W4S6T1V9XQK",
           *           "name": "billing-service production",
           *           "prefix": "ck_live_4f9KpX",
           *           "expiresAt": "2024-11-02T08:00:00.000Z",
           *           "lastUsedAt": "2024-11-01T23:59:12.000Z",
           *           "createdAt": "2024-10-28T09:16:40.552Z"
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['ApiKeyList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  createApiKey: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Makes the request safe to retry. Within 24 hours, a repeat with the same key, method, path and
         *     credential replays the first answer (with `Idempotent-Replayed: true`) instead of acting again.
         *     The same key with a different body answers `409 CARAVAN_IDEMPOTENCY_KEY_REUSED`; a repeat while
         *     the first request is still running answers `409 CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS`.
         *     Answers with a 5xx status are not stored.
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        tenantId: components['parameters']['TenantIdPath'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        /**
         * @example {
         *       "name": "billing-service production"
         *     }
         */
        'application/json': components['schemas']['CreateApiKeyRequest'];
      };
    };
    responses: {
      /** @description The key, shown once. */
      201: {
        headers: {
          'Idempotent-Replayed': components['headers']['IdempotentReplayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "key_01JB9Y3A7R2N5P8W4S6T1V9XQK",
           *       "name": "billing-service production",
           *       "prefix": "ck_live_4f9KpX",
           *       "key": "ck_live_4f9KpX2rT7mQ8vN3bW6yZ1cH5jR0sD9aE4gA",
           *       "expiresAt": null,
           *       "createdAt": "2024-10-28T09:16:40.552Z"
           *     }
           */
          'application/json': components['schemas']['ApiKeyCreated'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  revokeApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        tenantId: components['parameters']['TenantIdPath'];
        keyId: components['parameters']['ApiKeyIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  updateApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        tenantId: components['parameters']['TenantIdPath'];
        keyId: components['parameters']['ApiKeyIdPath'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "expiresAt": "2024-11-02T08:00:00.000Z"
         *     }
         */
        'application/json': components['schemas']['UpdateApiKeyRequest'];
      };
    };
    responses: {
      /** @description The updated key (prefix only). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "key_01JB9Y3A7R2N5P8W4S6T1V9XQK",
           *       "name": "billing-service production",
           *       "prefix": "ck_live_4f9KpX",
           *       "expiresAt": "2024-11-02T08:00:00.000Z",
           *       "lastUsedAt": "2024-11-01T07:59:58.000Z",
           *       "createdAt": "2024-10-28T09:16:40.552Z"
           *     }
           */
          'application/json': components['schemas']['ApiKey'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  listEgressPools: {
    parameters: {
      query?: {
        /** @description Maximum number of items in the page. */
        limit?: components['parameters']['Limit'];
        /**
         * @description Opaque cursor from a previous page's `nextCursor`. Send the same filters again with it.
         *     Omit it to get the first page.
         */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of egress pools, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "pool_01JB9W7N5Q2S4V6X8Z0B2D4F6H",
           *           "name": "us-proxies",
           *           "mode": "proxy",
           *           "addresses": [
           *             "http://***@proxy-1.internal.example:3128",
           *             "http://***@proxy-2.internal.example:3128"
           *           ],
           *           "publicIps": [
           *             "198.51.100.20",
           *             "198.51.100.21"
           *           ],
           *           "allowAllTenants": true,
           *           "allowedTenantIds": [],
           *           "createdAt": "2024-10-27T16:25:00.000Z",
           *           "updatedAt": "2024-10-27T16:25:00.000Z"
           *         },
           *         {
           *           "id": "pool_01JB9W1B3D5F7H9K1M3P5R7T9V",
           *           "name": "eu-static",
           *           "mode": "bind",
           *           "addresses": [
           *             "10.0.8.11",
           *             "10.0.8.12"
           *           ],
           *           "publicIps": [
           *             "203.0.113.11",
           *             "203.0.113.12"
           *           ],
           *           "allowAllTenants": false,
           *           "allowedTenantIds": [
           *             "tnt_01JB9Y2M4T8K3Q7V5X1Z6C9D0E"
           *           ],
           *           "createdAt": "2024-10-27T16:20:00.000Z",
           *           "updatedAt": "2024-10-27T16:20:00.000Z"
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['EgressPoolList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  createEgressPool: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Makes the request safe to retry. Within 24 hours, a repeat with the same key, method, path and
         *     credential replays the first answer (with `Idempotent-Replayed: true`) instead of acting again.
         *     The same key with a different body answers `409 CARAVAN_IDEMPOTENCY_KEY_REUSED`; a repeat while
         *     the first request is still running answers `409 CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS`.
         *     Answers with a 5xx status are not stored.
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "eu-static",
         *       "mode": "bind",
         *       "addresses": [
         *         "10.0.8.11",
         *         "10.0.8.12"
         *       ],
         *       "publicIps": [
         *         "203.0.113.11",
         *         "203.0.113.12"
         *       ],
         *       "allowedTenantIds": [
         *         "tnt_01JB9Y2M4T8K3Q7V5X1Z6C9D0E"
         *       ]
         *     }
         */
        'application/json': components['schemas']['CreateEgressPoolRequest'];
      };
    };
    responses: {
      /** @description The pool. */
      201: {
        headers: {
          'Idempotent-Replayed': components['headers']['IdempotentReplayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "pool_01JB9W1B3D5F7H9K1M3P5R7T9V",
           *       "name": "eu-static",
           *       "mode": "bind",
           *       "addresses": [
           *         "10.0.8.11",
           *         "10.0.8.12"
           *       ],
           *       "publicIps": [
           *         "203.0.113.11",
           *         "203.0.113.12"
           *       ],
           *       "allowAllTenants": false,
           *       "allowedTenantIds": [
           *         "tnt_01JB9Y2M4T8K3Q7V5X1Z6C9D0E"
           *       ],
           *       "createdAt": "2024-10-27T16:20:00.000Z",
           *       "updatedAt": "2024-10-27T16:20:00.000Z"
           *     }
           */
          'application/json': components['schemas']['EgressPool'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  getEgressPool: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        poolId: components['parameters']['EgressPoolIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The pool. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "pool_01JB9W1B3D5F7H9K1M3P5R7T9V",
           *       "name": "eu-static",
           *       "mode": "bind",
           *       "addresses": [
           *         "10.0.8.11",
           *         "10.0.8.12"
           *       ],
           *       "publicIps": [
           *         "203.0.113.11",
           *         "203.0.113.12"
           *       ],
           *       "allowAllTenants": false,
           *       "allowedTenantIds": [
           *         "tnt_01JB9Y2M4T8K3Q7V5X1Z6C9D0E"
           *       ],
           *       "createdAt": "2024-10-27T16:20:00.000Z",
           *       "updatedAt": "2024-10-27T16:20:00.000Z"
           *     }
           */
          'application/json': components['schemas']['EgressPool'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  deleteEgressPool: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        poolId: components['parameters']['EgressPoolIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  updateEgressPool: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        poolId: components['parameters']['EgressPoolIdPath'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "addresses": [
         *         "10.0.8.11",
         *         "10.0.8.12",
         *         "10.0.8.13"
         *       ],
         *       "publicIps": [
         *         "203.0.113.11",
         *         "203.0.113.12",
         *         "203.0.113.13"
         *       ]
         *     }
         */
        'application/json': components['schemas']['UpdateEgressPoolRequest'];
      };
    };
    responses: {
      /** @description The updated pool. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "pool_01JB9W1B3D5F7H9K1M3P5R7T9V",
           *       "name": "eu-static",
           *       "mode": "bind",
           *       "addresses": [
           *         "10.0.8.11",
           *         "10.0.8.12",
           *         "10.0.8.13"
           *       ],
           *       "publicIps": [
           *         "203.0.113.11",
           *         "203.0.113.12",
           *         "203.0.113.13"
           *       ],
           *       "allowAllTenants": false,
           *       "allowedTenantIds": [
           *         "tnt_01JB9Y2M4T8K3Q7V5X1Z6C9D0E"
           *       ],
           *       "createdAt": "2024-10-27T16:20:00.000Z",
           *       "updatedAt": "2024-11-03T12:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['EgressPool'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  getOwnTenant: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The caller's tenant. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "tnt_01JB9Y2M4T8K3Q7V5X1Z6C9D0E",
           *       "name": "Acme Billing",
           *       "limits": {
           *         "ingestPerSecond": 500,
           *         "deliveriesPerSecond": 1000,
           *         "maxEndpoints": 10000,
           *         "maxPayloadBytes": 1048576,
           *         "eventShards": 2
           *       },
           *       "operationsUrl": "https://ops.acme.example/caravan",
           *       "hasOperationsSecret": true,
           *       "defaultEgressPoolId": "pool_01JB9W1B3D5F7H9K1M3P5R7T9V",
           *       "requireRegisteredEventTypes": false,
           *       "usage": {
           *         "endpoints": 1287,
           *         "eventsIngestedLast24h": 412903
           *       },
           *       "createdAt": "2024-10-28T09:15:02.118Z",
           *       "updatedAt": "2024-10-29T14:02:45.007Z"
           *     }
           */
          'application/json': components['schemas']['OwnTenant'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  updateOwnTenant: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "operationsUrl": "https://ops.acme.example/caravan",
         *       "operationsSecret": "whsec_R9UU5jMemmX1gj11aON6is+ZV67dvGWl"
         *     }
         */
        'application/json': components['schemas']['UpdateOwnTenantRequest'];
      };
    };
    responses: {
      /** @description The updated tenant. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "tnt_01JB9Y2M4T8K3Q7V5X1Z6C9D0E",
           *       "name": "Acme Billing",
           *       "limits": {
           *         "ingestPerSecond": 500,
           *         "deliveriesPerSecond": 1000,
           *         "maxEndpoints": 10000,
           *         "maxPayloadBytes": 1048576,
           *         "eventShards": 2
           *       },
           *       "operationsUrl": "https://ops.acme.example/caravan",
           *       "hasOperationsSecret": true,
           *       "defaultEgressPoolId": "pool_01JB9W1B3D5F7H9K1M3P5R7T9V",
           *       "requireRegisteredEventTypes": false,
           *       "usage": {
           *         "endpoints": 1287,
           *         "eventsIngestedLast24h": 412903
           *       },
           *       "createdAt": "2024-10-28T09:15:02.118Z",
           *       "updatedAt": "2024-11-03T10:12:00.000Z"
           *     }
           */
          'application/json': components['schemas']['OwnTenant'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  listTenantEgressPools: {
    parameters: {
      query?: {
        /** @description Maximum number of items in the page. */
        limit?: components['parameters']['Limit'];
        /**
         * @description Opaque cursor from a previous page's `nextCursor`. Send the same filters again with it.
         *     Omit it to get the first page.
         */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of pools, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "pool_01JB9W7N5Q2S4V6X8Z0B2D4F6H",
           *           "name": "us-proxies",
           *           "publicIps": [
           *             "198.51.100.20",
           *             "198.51.100.21"
           *           ],
           *           "isDefault": false
           *         },
           *         {
           *           "id": "pool_01JB9W1B3D5F7H9K1M3P5R7T9V",
           *           "name": "eu-static",
           *           "publicIps": [
           *             "203.0.113.11",
           *             "203.0.113.12"
           *           ],
           *           "isDefault": true
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['TenantEgressPoolList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  getTenantStats: {
    parameters: {
      query?: {
        /** @description Start of the range (rounded down to the bucket size). Default one hour ago. */
        since?: string;
        /** @description End of the range, exclusive. Default now. */
        until?: string;
        /** @description Bucket size. */
        bucketSeconds?: 60 | 300 | 900 | 3600 | 86400;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The counts, one entry per bucket. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "since": "2024-10-29T14:00:00.000Z",
           *       "until": "2024-10-29T14:02:00.000Z",
           *       "bucketSeconds": 60,
           *       "data": [
           *         {
           *           "at": "2024-10-29T14:00:00.000Z",
           *           "events": 120,
           *           "attemptsSucceeded": 118,
           *           "attemptsFailed": 4
           *         },
           *         {
           *           "at": "2024-10-29T14:01:00.000Z",
           *           "events": 95,
           *           "attemptsSucceeded": 95,
           *           "attemptsFailed": 0
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['TenantStats'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  createPortalToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "ownerId": "cus_8412",
         *       "ttlSeconds": 3600
         *     }
         */
        'application/json': components['schemas']['CreatePortalTokenRequest'];
      };
    };
    responses: {
      /** @description The token, shown only in this response. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "token": "cpt_dDE6QW1hbnkgYnl0ZXMgb2Ygc2VhbGVkIHRva2VuIHRleHQ",
           *       "ownerId": "cus_8412",
           *       "expiresAt": "2024-10-29T15:02:45.007Z"
           *     }
           */
          'application/json': components['schemas']['PortalToken'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  listTenantApiKeys: {
    parameters: {
      query?: {
        /** @description Maximum number of items in the page. */
        limit?: components['parameters']['Limit'];
        /**
         * @description Opaque cursor from a previous page's `nextCursor`. Send the same filters again with it.
         *     Omit it to get the first page.
         */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of API keys, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "key_01JB9Y3A7R2N5P8W4S6T1V9XQK",
           *           "name": "billing-service production",
           *           "prefix": "ck_live_4f9KpX",
           *           "expiresAt": null,
           *           "lastUsedAt": "2024-11-01T23:59:12.000Z",
           *           "createdAt": "2024-10-28T09:16:40.552Z"
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['ApiKeyList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  createTenantApiKey: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Makes the request safe to retry. Within 24 hours, a repeat with the same key, method, path and
         *     credential replays the first answer (with `Idempotent-Replayed: true`) instead of acting again.
         *     The same key with a different body answers `409 CARAVAN_IDEMPOTENCY_KEY_REUSED`; a repeat while
         *     the first request is still running answers `409 CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS`.
         *     Answers with a 5xx status are not stored.
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        /**
         * @example {
         *       "name": "billing-service production"
         *     }
         */
        'application/json': components['schemas']['CreateApiKeyRequest'];
      };
    };
    responses: {
      /** @description The key, shown once. */
      201: {
        headers: {
          'Idempotent-Replayed': components['headers']['IdempotentReplayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "key_01JB9Y3A7R2N5P8W4S6T1V9XQK",
           *       "name": "billing-service production",
           *       "prefix": "ck_live_4f9KpX",
           *       "key": "ck_live_4f9KpX2rT7mQ8vN3bW6yZ1cH5jR0sD9aE4gA",
           *       "expiresAt": null,
           *       "createdAt": "2024-10-28T09:16:40.552Z"
           *     }
           */
          'application/json': components['schemas']['ApiKeyCreated'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  revokeTenantApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        keyId: components['parameters']['ApiKeyIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  listEndpoints: {
    parameters: {
      query?: {
        /** @description Only items with this `ownerId`. */
        ownerId?: components['parameters']['OwnerIdQuery'];
        /** @description Maximum number of items in the page. */
        limit?: components['parameters']['Limit'];
        /**
         * @description Opaque cursor from a previous page's `nextCursor`. Send the same filters again with it.
         *     Omit it to get the first page.
         */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of endpoints, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "ep_01JBB4R8T0W2Y4A6C8E0G2J4M6",
           *           "url": "https://globex.example/webhooks/ledger",
           *           "description": null,
           *           "ownerId": "cus_globex",
           *           "eventTypes": [
           *             "*"
           *           ],
           *           "filter": null,
           *           "headers": {},
           *           "rateLimit": null,
           *           "maxConcurrency": null,
           *           "timeoutMs": 30000,
           *           "retrySchedule": [
           *             10,
           *             60,
           *             600
           *           ],
           *           "egressPoolId": "pool_01JB9W1B3D5F7H9K1M3P5R7T9V",
           *           "signingScheme": "ed25519",
           *           "payloadFormat": "raw",
           *           "sendTraceparent": false,
           *           "destination": {
           *             "type": "http",
           *             "config": null
           *           },
           *           "publicKey": "whpk_5MhgyjENOX8J17dq32HAJblfg25dZGkiW9uDz/J7/3U=",
           *           "status": "disabled",
           *           "disabledReason": "continuous_failure",
           *           "createdAt": "2024-10-30T13:45:00.000Z",
           *           "updatedAt": "2024-11-04T13:45:00.000Z"
           *         },
           *         {
           *           "id": "ep_01JB9Z0F3H6K9M2P5R8T1W4Y7B",
           *           "url": "https://hooks.globex.example/caravan",
           *           "description": "Globex invoices (EUR only)",
           *           "ownerId": "cus_globex",
           *           "eventTypes": [
           *             "invoice.*"
           *           ],
           *           "filter": {
           *             "payload.currency": "EUR",
           *             "payload.amount": {
           *               "$gte": 100
           *             }
           *           },
           *           "headers": {
           *             "X-Globex-Env": "production"
           *           },
           *           "rateLimit": {
           *             "perSecond": 20,
           *             "burst": 40
           *           },
           *           "maxConcurrency": 5,
           *           "timeoutMs": 15000,
           *           "retrySchedule": null,
           *           "egressPoolId": null,
           *           "signingScheme": "hmac",
           *           "payloadFormat": "raw",
           *           "sendTraceparent": false,
           *           "destination": {
           *             "type": "http",
           *             "config": null
           *           },
           *           "publicKey": null,
           *           "status": "active",
           *           "disabledReason": null,
           *           "createdAt": "2024-10-28T10:02:11.301Z",
           *           "updatedAt": "2024-10-28T10:02:11.301Z"
           *         }
           *       ],
           *       "nextCursor": "ZXBfMDFKQjlaMEYzSDZLOU0yUDVSOFQxVzRZN0I"
           *     }
           */
          'application/json': components['schemas']['EndpointList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  createEndpoint: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Makes the request safe to retry. Within 24 hours, a repeat with the same key, method, path and
         *     credential replays the first answer (with `Idempotent-Replayed: true`) instead of acting again.
         *     The same key with a different body answers `409 CARAVAN_IDEMPOTENCY_KEY_REUSED`; a repeat while
         *     the first request is still running answers `409 CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS`.
         *     Answers with a 5xx status are not stored.
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "url": "https://hooks.globex.example/caravan",
         *       "description": "Globex invoices (EUR only)",
         *       "ownerId": "cus_globex",
         *       "eventTypes": [
         *         "invoice.*"
         *       ],
         *       "filter": {
         *         "payload.currency": "EUR",
         *         "payload.amount": {
         *           "$gte": 100
         *         }
         *       },
         *       "headers": {
         *         "X-Globex-Env": "production"
         *       },
         *       "rateLimit": {
         *         "perSecond": 20,
         *         "burst": 40
         *       },
         *       "maxConcurrency": 5
         *     }
         */
        'application/json': components['schemas']['CreateEndpointRequest'];
      };
    };
    responses: {
      /** @description The endpoint and its secret, shown once. */
      201: {
        headers: {
          'Idempotent-Replayed': components['headers']['IdempotentReplayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "ep_01JB9Z0F3H6K9M2P5R8T1W4Y7B",
           *       "url": "https://hooks.globex.example/caravan",
           *       "description": "Globex invoices (EUR only)",
           *       "ownerId": "cus_globex",
           *       "eventTypes": [
           *         "invoice.*"
           *       ],
           *       "filter": {
           *         "payload.currency": "EUR",
           *         "payload.amount": {
           *           "$gte": 100
           *         }
           *       },
           *       "headers": {
           *         "X-Globex-Env": "production"
           *       },
           *       "rateLimit": {
           *         "perSecond": 20,
           *         "burst": 40
           *       },
           *       "maxConcurrency": 5,
           *       "timeoutMs": 15000,
           *       "retrySchedule": null,
           *       "egressPoolId": null,
           *       "signingScheme": "hmac",
           *       "payloadFormat": "raw",
           *       "sendTraceparent": false,
           *       "destination": {
           *         "type": "http",
           *         "config": null
           *       },
           *       "publicKey": null,
           *       "status": "active",
           *       "disabledReason": null,
           *       "createdAt": "2024-10-28T10:02:11.301Z",
           *       "updatedAt": "2024-10-28T10:02:11.301Z",
           *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
           *     }
           */
          'application/json': components['schemas']['EndpointCreated'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  getEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The endpoint (without its secret). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "ep_01JB9Z0F3H6K9M2P5R8T1W4Y7B",
           *       "url": "https://hooks.globex.example/caravan",
           *       "description": "Globex invoices (EUR only)",
           *       "ownerId": "cus_globex",
           *       "eventTypes": [
           *         "invoice.*"
           *       ],
           *       "filter": {
           *         "payload.currency": "EUR",
           *         "payload.amount": {
           *           "$gte": 100
           *         }
           *       },
           *       "headers": {
           *         "X-Globex-Env": "production"
           *       },
           *       "rateLimit": {
           *         "perSecond": 20,
           *         "burst": 40
           *       },
           *       "maxConcurrency": 5,
           *       "timeoutMs": 15000,
           *       "retrySchedule": null,
           *       "egressPoolId": null,
           *       "signingScheme": "hmac",
           *       "payloadFormat": "raw",
           *       "sendTraceparent": false,
           *       "destination": {
           *         "type": "http",
           *         "config": null
           *       },
           *       "publicKey": null,
           *       "status": "active",
           *       "disabledReason": null,
           *       "createdAt": "2024-10-28T10:02:11.301Z",
           *       "updatedAt": "2024-10-28T10:02:11.301Z"
           *     }
           */
          'application/json': components['schemas']['Endpoint'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  deleteEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  updateEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "eventTypes": [
         *         "invoice.*",
         *         "customer.updated"
         *       ],
         *       "filter": null,
         *       "timeoutMs": 10000
         *     }
         */
        'application/json': components['schemas']['UpdateEndpointRequest'];
      };
    };
    responses: {
      /** @description The updated endpoint. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "ep_01JB9Z0F3H6K9M2P5R8T1W4Y7B",
           *       "url": "https://hooks.globex.example/caravan",
           *       "description": "Globex invoices (EUR only)",
           *       "ownerId": "cus_globex",
           *       "eventTypes": [
           *         "invoice.*",
           *         "customer.updated"
           *       ],
           *       "filter": null,
           *       "headers": {
           *         "X-Globex-Env": "production"
           *       },
           *       "rateLimit": {
           *         "perSecond": 20,
           *         "burst": 40
           *       },
           *       "maxConcurrency": 5,
           *       "timeoutMs": 10000,
           *       "retrySchedule": null,
           *       "egressPoolId": null,
           *       "signingScheme": "hmac",
           *       "payloadFormat": "raw",
           *       "sendTraceparent": false,
           *       "destination": {
           *         "type": "http",
           *         "config": null
           *       },
           *       "publicKey": null,
           *       "status": "active",
           *       "disabledReason": null,
           *       "createdAt": "2024-10-28T10:02:11.301Z",
           *       "updatedAt": "2024-11-03T09:30:00.000Z"
           *     }
           */
          'application/json': components['schemas']['Endpoint'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  listEndpointSecrets: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Live secrets, current first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "sec_01JBC0A2C4E6G8J0M2P4R6T8W0",
           *           "current": true,
           *           "publicKey": null,
           *           "createdAt": "2024-11-03T09:00:00.000Z",
           *           "expiresAt": null
           *         },
           *         {
           *           "id": "sec_01JB9Z0F4J7M0Q3S6V9Y2B5D8G",
           *           "current": false,
           *           "publicKey": null,
           *           "createdAt": "2024-10-28T10:02:11.301Z",
           *           "expiresAt": "2024-11-04T09:00:00.000Z"
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['EndpointSecretList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  rotateEndpointSecret: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Makes the request safe to retry. Within 24 hours, a repeat with the same key, method, path and
         *     credential replays the first answer (with `Idempotent-Replayed: true`) instead of acting again.
         *     The same key with a different body answers `409 CARAVAN_IDEMPOTENCY_KEY_REUSED`; a repeat while
         *     the first request is still running answers `409 CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS`.
         *     Answers with a 5xx status are not stored.
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        /**
         * @example {
         *       "gracePeriodSeconds": 86400
         *     }
         */
        'application/json': components['schemas']['RotateEndpointSecretRequest'];
      };
    };
    responses: {
      /** @description The new secret, shown once. */
      200: {
        headers: {
          'Idempotent-Replayed': components['headers']['IdempotentReplayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "sec_01JBC0A2C4E6G8J0M2P4R6T8W0",
           *       "secret": "whsec_6BlBAHhCzT84Rk9lxYNvsW4zf6wyS9FN8/50NvID048=",
           *       "publicKey": null,
           *       "previousSecretsExpireAt": "2024-11-04T09:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['RotatedEndpointSecret'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  pauseEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The endpoint, now `paused`. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "ep_01JB9Z0F3H6K9M2P5R8T1W4Y7B",
           *       "url": "https://hooks.globex.example/caravan",
           *       "description": "Globex invoices (EUR only)",
           *       "ownerId": "cus_globex",
           *       "eventTypes": [
           *         "invoice.*"
           *       ],
           *       "filter": null,
           *       "headers": {},
           *       "rateLimit": null,
           *       "maxConcurrency": null,
           *       "timeoutMs": 15000,
           *       "retrySchedule": null,
           *       "egressPoolId": null,
           *       "signingScheme": "hmac",
           *       "payloadFormat": "raw",
           *       "sendTraceparent": false,
           *       "destination": {
           *         "type": "http",
           *         "config": null
           *       },
           *       "publicKey": null,
           *       "status": "paused",
           *       "disabledReason": null,
           *       "createdAt": "2024-10-28T10:02:11.301Z",
           *       "updatedAt": "2024-11-03T11:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['Endpoint'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  resumeEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The endpoint, now `active`. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "ep_01JB9Z0F3H6K9M2P5R8T1W4Y7B",
           *       "url": "https://hooks.globex.example/caravan",
           *       "description": "Globex invoices (EUR only)",
           *       "ownerId": "cus_globex",
           *       "eventTypes": [
           *         "invoice.*"
           *       ],
           *       "filter": null,
           *       "headers": {},
           *       "rateLimit": null,
           *       "maxConcurrency": null,
           *       "timeoutMs": 15000,
           *       "retrySchedule": null,
           *       "egressPoolId": null,
           *       "signingScheme": "hmac",
           *       "payloadFormat": "raw",
           *       "sendTraceparent": false,
           *       "destination": {
           *         "type": "http",
           *         "config": null
           *       },
           *       "publicKey": null,
           *       "status": "active",
           *       "disabledReason": null,
           *       "createdAt": "2024-10-28T10:02:11.301Z",
           *       "updatedAt": "2024-11-03T12:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['Endpoint'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  recoverEndpoint: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Makes the request safe to retry. Within 24 hours, a repeat with the same key, method, path and
         *     credential replays the first answer (with `Idempotent-Replayed: true`) instead of acting again.
         *     The same key with a different body answers `409 CARAVAN_IDEMPOTENCY_KEY_REUSED`; a repeat while
         *     the first request is still running answers `409 CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS`.
         *     Answers with a 5xx status are not stored.
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "since": "2024-11-01T00:00:00.000Z"
         *     }
         */
        'application/json': components['schemas']['RecoverEndpointRequest'];
      };
    };
    responses: {
      /** @description The job that resends the deliveries. */
      202: {
        headers: {
          Location: components['headers']['JobLocation'];
          'Idempotent-Replayed': components['headers']['IdempotentReplayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "job_01JBA1D4F6H8K0M2P4R6T8W0Y2",
           *       "type": "endpoint_recover",
           *       "status": "queued",
           *       "total": null,
           *       "processed": 0,
           *       "error": null,
           *       "createdAt": "2024-11-03T12:01:00.000Z",
           *       "updatedAt": "2024-11-03T12:01:00.000Z",
           *       "finishedAt": null
           *     }
           */
          'application/json': components['schemas']['Job'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  getEndpointHealth: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: components['parameters']['EndpointIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The endpoint's health. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "endpointId": "ep_01JB9Z0F3H6K9M2P5R8T1W4Y7B",
           *       "status": "active",
           *       "breakerState": "open",
           *       "breakerOpenedAt": "2024-11-03T11:58:30.000Z",
           *       "nextProbeAt": "2024-11-03T12:03:30.000Z",
           *       "recentSuccessRate": 0.42,
           *       "recentAttempts": 312,
           *       "windowSeconds": 900,
           *       "lastSuccessAt": "2024-11-03T11:57:02.000Z",
           *       "lastError": {
           *         "code": "non_2xx_status",
           *         "message": "Receiver answered 503 Service Unavailable.",
           *         "statusCode": 503,
           *         "at": "2024-11-03T11:58:29.000Z"
           *       },
           *       "failingSince": "2024-11-03T11:40:00.000Z"
           *     }
           */
          'application/json': components['schemas']['EndpointHealth'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  listEventTypes: {
    parameters: {
      query?: {
        /** @description Maximum number of items in the page. */
        limit?: components['parameters']['Limit'];
        /**
         * @description Opaque cursor from a previous page's `nextCursor`. Send the same filters again with it.
         *     Omit it to get the first page.
         */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of event types, by name. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "name": "customer.updated",
           *           "description": null,
           *           "schema": null,
           *           "createdAt": "2024-10-28T09:41:00.000Z",
           *           "updatedAt": "2024-10-28T09:41:00.000Z"
           *         },
           *         {
           *           "name": "invoice.paid",
           *           "description": "An invoice was paid in full.",
           *           "schema": {
           *             "type": "object",
           *             "required": [
           *               "invoiceId"
           *             ],
           *             "properties": {
           *               "invoiceId": {
           *                 "type": "string"
           *               }
           *             }
           *           },
           *           "createdAt": "2024-10-28T09:40:00.000Z",
           *           "updatedAt": "2024-10-28T09:40:00.000Z"
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['EventTypeList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  createEventType: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Makes the request safe to retry. Within 24 hours, a repeat with the same key, method, path and
         *     credential replays the first answer (with `Idempotent-Replayed: true`) instead of acting again.
         *     The same key with a different body answers `409 CARAVAN_IDEMPOTENCY_KEY_REUSED`; a repeat while
         *     the first request is still running answers `409 CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS`.
         *     Answers with a 5xx status are not stored.
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "invoice.paid",
         *       "description": "An invoice was paid in full.",
         *       "schema": {
         *         "type": "object",
         *         "required": [
         *           "invoiceId",
         *           "amount",
         *           "currency"
         *         ],
         *         "properties": {
         *           "invoiceId": {
         *             "type": "string"
         *           },
         *           "amount": {
         *             "type": "integer",
         *             "minimum": 0
         *           },
         *           "currency": {
         *             "type": "string",
         *             "pattern": "^[A-Z]{3}$"
         *           }
         *         }
         *       }
         *     }
         */
        'application/json': components['schemas']['CreateEventTypeRequest'];
      };
    };
    responses: {
      /** @description The event type. */
      201: {
        headers: {
          'Idempotent-Replayed': components['headers']['IdempotentReplayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "name": "invoice.paid",
           *       "description": "An invoice was paid in full.",
           *       "schema": {
           *         "type": "object",
           *         "required": [
           *           "invoiceId",
           *           "amount",
           *           "currency"
           *         ],
           *         "properties": {
           *           "invoiceId": {
           *             "type": "string"
           *           },
           *           "amount": {
           *             "type": "integer",
           *             "minimum": 0
           *           },
           *           "currency": {
           *             "type": "string",
           *             "pattern": "^[A-Z]{3}$"
           *           }
           *         }
           *       },
           *       "createdAt": "2024-10-28T09:40:00.000Z",
           *       "updatedAt": "2024-10-28T09:40:00.000Z"
           *     }
           */
          'application/json': components['schemas']['EventType'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  getEventType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        eventTypeName: components['parameters']['EventTypeNamePath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The event type. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "name": "invoice.paid",
           *       "description": "An invoice was paid in full.",
           *       "schema": {
           *         "type": "object",
           *         "required": [
           *           "invoiceId"
           *         ],
           *         "properties": {
           *           "invoiceId": {
           *             "type": "string"
           *           }
           *         }
           *       },
           *       "createdAt": "2024-10-28T09:40:00.000Z",
           *       "updatedAt": "2024-10-28T09:40:00.000Z"
           *     }
           */
          'application/json': components['schemas']['EventType'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  deleteEventType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        eventTypeName: components['parameters']['EventTypeNamePath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  updateEventType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        eventTypeName: components['parameters']['EventTypeNamePath'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "description": "An invoice was paid in full or in part."
         *     }
         */
        'application/json': components['schemas']['UpdateEventTypeRequest'];
      };
    };
    responses: {
      /** @description The updated event type. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "name": "invoice.paid",
           *       "description": "An invoice was paid in full or in part.",
           *       "schema": {
           *         "type": "object",
           *         "required": [
           *           "invoiceId"
           *         ],
           *         "properties": {
           *           "invoiceId": {
           *             "type": "string"
           *           }
           *         }
           *       },
           *       "createdAt": "2024-10-28T09:40:00.000Z",
           *       "updatedAt": "2024-11-02T15:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['EventType'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  listEvents: {
    parameters: {
      query?: {
        /** @description Only events of this exact type. */
        eventType?: components['parameters']['EventTypeQuery'];
        /** @description Only items with this `ownerId`. */
        ownerId?: components['parameters']['OwnerIdQuery'];
        /** @description Only items created at or after this instant. */
        since?: components['parameters']['Since'];
        /** @description Only items created before this instant. */
        until?: components['parameters']['Until'];
        /** @description Maximum number of items in the page. */
        limit?: components['parameters']['Limit'];
        /**
         * @description Opaque cursor from a previous page's `nextCursor`. Send the same filters again with it.
         *     Omit it to get the first page.
         */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of events, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "evt_01JBA4G7J9M1P3R5T7W9Y1A3C5",
           *           "eventType": "invoice.paid",
           *           "idempotencyKey": "projects/acme/subscriptions/caravan/msg/11874009213",
           *           "endpointId": null,
           *           "ownerId": null,
           *           "headers": {
           *             "broker-message-id": "11874009213",
           *             "region": "eu-west-1"
           *           },
           *           "sourceId": "src_01JB9X8E2G4J6M8P0R2T4W6Y8A",
           *           "createdAt": "2024-11-03T12:05:00.812Z"
           *         },
           *         {
           *           "id": "evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N",
           *           "eventType": "invoice.paid",
           *           "idempotencyKey": "invoice-in_1QHk2v-paid",
           *           "endpointId": null,
           *           "ownerId": "cus_globex",
           *           "headers": {
           *             "X-Request-Id": "8f14e45f-ceea-467a-9575-5d6a4e0c2b1e"
           *           },
           *           "sourceId": null,
           *           "createdAt": "2024-10-28T10:15:33.021Z"
           *         }
           *       ],
           *       "nextCursor": "ZXZ0XzAxSkI5Wks2VjNRM1o2UzhZUTNXOEc0SDJO"
           *     }
           */
          'application/json': components['schemas']['EventList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  sendEvent: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "eventType": "invoice.paid",
         *       "payload": {
         *         "invoiceId": "in_1QHk2v",
         *         "amount": 12500,
         *         "currency": "EUR"
         *       },
         *       "idempotencyKey": "invoice-in_1QHk2v-paid",
         *       "ownerId": "cus_globex",
         *       "headers": {
         *         "X-Request-Id": "8f14e45f-ceea-467a-9575-5d6a4e0c2b1e"
         *       }
         *     }
         */
        'application/json': components['schemas']['SendEventRequest'];
      };
    };
    responses: {
      /** @description Accepted (durable), or a duplicate of an earlier event. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N",
           *       "duplicate": false
           *     }
           */
          'application/json': components['schemas']['SendEventResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  sendEventBatch: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "events": [
         *         {
         *           "eventType": "invoice.paid",
         *           "payload": {
         *             "invoiceId": "in_1QHk2v",
         *             "amount": 12500,
         *             "currency": "EUR"
         *           },
         *           "idempotencyKey": "invoice-in_1QHk2v-paid"
         *         },
         *         {
         *           "eventType": "customer.updated",
         *           "payload": {
         *             "customerId": "cus_globex",
         *             "fields": [
         *               "email"
         *             ]
         *           },
         *           "endpointId": "ep_01JB9Z0F3H6K9M2P5R8T1W4Y7B"
         *         }
         *       ]
         *     }
         */
        'application/json': components['schemas']['SendEventBatchRequest'];
      };
    };
    responses: {
      /** @description All events accepted (durable); one result per event, in request order. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N",
           *           "duplicate": true
           *         },
           *         {
           *           "id": "evt_01JBA5H8K0M2P4R6T8W0Y2A4C6",
           *           "duplicate": false
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['SendEventBatchResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  getEvent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        eventId: components['parameters']['EventIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The event. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N",
           *       "eventType": "invoice.paid",
           *       "payload": {
           *         "invoiceId": "in_1QHk2v",
           *         "amount": 12500,
           *         "currency": "EUR"
           *       },
           *       "idempotencyKey": "invoice-in_1QHk2v-paid",
           *       "endpointId": null,
           *       "ownerId": "cus_globex",
           *       "headers": {
           *         "X-Request-Id": "8f14e45f-ceea-467a-9575-5d6a4e0c2b1e"
           *       },
           *       "sourceId": null,
           *       "createdAt": "2024-10-28T10:15:33.021Z",
           *       "deliveries": [
           *         {
           *           "id": "dlv_01JB9ZK7A2C4E6G8J0M2P4R6T8",
           *           "eventId": "evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N",
           *           "endpointId": "ep_01JB9Z0F3H6K9M2P5R8T1W4Y7B",
           *           "eventType": "invoice.paid",
           *           "status": "succeeded",
           *           "attemptCount": 2,
           *           "nextAttemptAt": null,
           *           "lastAttemptAt": "2024-10-28T10:15:38.410Z",
           *           "lastStatusCode": 200,
           *           "lastError": null,
           *           "createdAt": "2024-10-28T10:15:33.240Z",
           *           "updatedAt": "2024-10-28T10:15:38.502Z"
           *         }
           *       ],
           *       "hasMoreDeliveries": false
           *     }
           */
          'application/json': components['schemas']['Event'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  replayEvent: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Makes the request safe to retry. Within 24 hours, a repeat with the same key, method, path and
         *     credential replays the first answer (with `Idempotent-Replayed: true`) instead of acting again.
         *     The same key with a different body answers `409 CARAVAN_IDEMPOTENCY_KEY_REUSED`; a repeat while
         *     the first request is still running answers `409 CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS`.
         *     Answers with a 5xx status are not stored.
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        eventId: components['parameters']['EventIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job that replays the event. */
      202: {
        headers: {
          Location: components['headers']['JobLocation'];
          'Idempotent-Replayed': components['headers']['IdempotentReplayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "job_01JBA6J9M1P3R5T7W9Y1A3C5E7",
           *       "type": "event_replay",
           *       "status": "queued",
           *       "total": null,
           *       "processed": 0,
           *       "error": null,
           *       "createdAt": "2024-11-03T12:10:00.000Z",
           *       "updatedAt": "2024-11-03T12:10:00.000Z",
           *       "finishedAt": null
           *     }
           */
          'application/json': components['schemas']['Job'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  listDeliveries: {
    parameters: {
      query?: {
        /** @description Only deliveries in one of these statuses (repeat the parameter for several). */
        status?: components['parameters']['DeliveryStatusQuery'];
        /** @description Only deliveries to this endpoint. */
        endpointId?: components['parameters']['EndpointIdQuery'];
        /** @description Only deliveries to the endpoints of this owner. */
        ownerId?: components['schemas']['OwnerId'];
        /** @description Only deliveries of this event. */
        eventId?: components['parameters']['EventIdQuery'];
        /** @description Only items created at or after this instant. */
        since?: components['parameters']['Since'];
        /** @description Only items created before this instant. */
        until?: components['parameters']['Until'];
        /** @description Maximum number of items in the page. */
        limit?: components['parameters']['Limit'];
        /**
         * @description Opaque cursor from a previous page's `nextCursor`. Send the same filters again with it.
         *     Omit it to get the first page.
         */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of deliveries, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "dlv_01JBA4G8B3D5F7H9K1N3Q5S7V9",
           *           "eventId": "evt_01JBA4G7J9M1P3R5T7W9Y1A3C5",
           *           "endpointId": "ep_01JB9Z0F3H6K9M2P5R8T1W4Y7B",
           *           "eventType": "invoice.paid",
           *           "status": "retrying",
           *           "attemptCount": 3,
           *           "nextAttemptAt": "2024-11-03T12:35:00.000Z",
           *           "lastAttemptAt": "2024-11-03T12:05:06.120Z",
           *           "lastStatusCode": null,
           *           "lastError": {
           *             "code": "timeout",
           *             "message": "No answer within 15000 ms."
           *           },
           *           "createdAt": "2024-11-03T12:05:01.002Z",
           *           "updatedAt": "2024-11-03T12:05:21.130Z"
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['DeliveryList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  bulkRetryDeliveries: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Makes the request safe to retry. Within 24 hours, a repeat with the same key, method, path and
         *     credential replays the first answer (with `Idempotent-Replayed: true`) instead of acting again.
         *     The same key with a different body answers `409 CARAVAN_IDEMPOTENCY_KEY_REUSED`; a repeat while
         *     the first request is still running answers `409 CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS`.
         *     Answers with a 5xx status are not stored.
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "status": [
         *         "failed",
         *         "discarded"
         *       ],
         *       "eventType": "invoice.paid",
         *       "since": "2024-11-01T00:00:00.000Z",
         *       "until": "2024-11-03T00:00:00.000Z"
         *     }
         */
        'application/json': components['schemas']['BulkRetryRequest'];
      };
    };
    responses: {
      /** @description The job that retries the deliveries. */
      202: {
        headers: {
          Location: components['headers']['JobLocation'];
          'Idempotent-Replayed': components['headers']['IdempotentReplayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "job_01JBA7K0N2Q4S6V8X0Z2B4D6F8",
           *       "type": "bulk_retry",
           *       "status": "queued",
           *       "total": null,
           *       "processed": 0,
           *       "error": null,
           *       "createdAt": "2024-11-03T12:20:00.000Z",
           *       "updatedAt": "2024-11-03T12:20:00.000Z",
           *       "finishedAt": null
           *     }
           */
          'application/json': components['schemas']['Job'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  getDelivery: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        deliveryId: components['parameters']['DeliveryIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The delivery. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "dlv_01JB9ZK7A2C4E6G8J0M2P4R6T8",
           *       "eventId": "evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N",
           *       "endpointId": "ep_01JB9Z0F3H6K9M2P5R8T1W4Y7B",
           *       "eventType": "invoice.paid",
           *       "status": "succeeded",
           *       "attemptCount": 2,
           *       "nextAttemptAt": null,
           *       "lastAttemptAt": "2024-10-28T10:15:38.410Z",
           *       "lastStatusCode": 200,
           *       "lastError": null,
           *       "createdAt": "2024-10-28T10:15:33.240Z",
           *       "updatedAt": "2024-10-28T10:15:38.502Z"
           *     }
           */
          'application/json': components['schemas']['Delivery'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  listDeliveryAttempts: {
    parameters: {
      query?: {
        /** @description Maximum number of items in the page. */
        limit?: components['parameters']['Limit'];
        /**
         * @description Opaque cursor from a previous page's `nextCursor`. Send the same filters again with it.
         *     Omit it to get the first page.
         */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path: {
        deliveryId: components['parameters']['DeliveryIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of attempts, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "att_01JB9ZKCB3D5F7H9K1N3Q5S7V9",
           *           "deliveryId": "dlv_01JB9ZK7A2C4E6G8J0M2P4R6T8",
           *           "attemptNumber": 2,
           *           "trigger": "scheduled",
           *           "url": "https://hooks.globex.example/caravan",
           *           "startedAt": "2024-10-28T10:15:38.301Z",
           *           "durationMs": 109,
           *           "statusCode": 200,
           *           "error": null,
           *           "requestHeaders": {
           *             "content-type": "application/json",
           *             "user-agent": "Caravan/0.1.0",
           *             "webhook-id": "evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N",
           *             "webhook-timestamp": "1730110538",
           *             "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
           *             "x-globex-env": "production"
           *           },
           *           "responseHeaders": {
           *             "content-type": "text/plain"
           *           },
           *           "responseBodyExcerpt": "ok",
           *           "egressAddress": "10.0.8.12"
           *         },
           *         {
           *           "id": "att_01JB9ZK7B3D5F7H9K1N3Q5S7V9",
           *           "deliveryId": "dlv_01JB9ZK7A2C4E6G8J0M2P4R6T8",
           *           "attemptNumber": 1,
           *           "trigger": "scheduled",
           *           "url": "https://hooks.globex.example/caravan",
           *           "startedAt": "2024-10-28T10:15:33.301Z",
           *           "durationMs": 30,
           *           "statusCode": 502,
           *           "error": {
           *             "code": "non_2xx_status",
           *             "message": "Receiver answered 502 Bad Gateway."
           *           },
           *           "requestHeaders": {
           *             "content-type": "application/json",
           *             "user-agent": "Caravan/0.1.0",
           *             "webhook-id": "evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N",
           *             "webhook-timestamp": "1730110533",
           *             "webhook-signature": "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
           *             "x-globex-env": "production"
           *           },
           *           "responseHeaders": {
           *             "content-type": "text/html"
           *           },
           *           "responseBodyExcerpt": "<html><body>Bad Gateway</body></html>",
           *           "egressAddress": "10.0.8.11"
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['AttemptList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  retryDelivery: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Makes the request safe to retry. Within 24 hours, a repeat with the same key, method, path and
         *     credential replays the first answer (with `Idempotent-Replayed: true`) instead of acting again.
         *     The same key with a different body answers `409 CARAVAN_IDEMPOTENCY_KEY_REUSED`; a repeat while
         *     the first request is still running answers `409 CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS`.
         *     Answers with a 5xx status are not stored.
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        deliveryId: components['parameters']['DeliveryIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The delivery, now `pending`. */
      202: {
        headers: {
          'Idempotent-Replayed': components['headers']['IdempotentReplayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "dlv_01JBA4G8B3D5F7H9K1N3Q5S7V9",
           *       "eventId": "evt_01JBA4G7J9M1P3R5T7W9Y1A3C5",
           *       "endpointId": "ep_01JB9Z0F3H6K9M2P5R8T1W4Y7B",
           *       "eventType": "invoice.paid",
           *       "status": "pending",
           *       "attemptCount": 3,
           *       "nextAttemptAt": "2024-11-03T12:21:00.000Z",
           *       "lastAttemptAt": "2024-11-03T12:05:06.120Z",
           *       "lastStatusCode": null,
           *       "lastError": {
           *         "code": "timeout",
           *         "message": "No answer within 15000 ms."
           *       },
           *       "createdAt": "2024-11-03T12:05:01.002Z",
           *       "updatedAt": "2024-11-03T12:21:00.000Z"
           *     }
           */
          'application/json': components['schemas']['Delivery'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  getJob: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        jobId: components['parameters']['JobIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "job_01JBA7K0N2Q4S6V8X0Z2B4D6F8",
           *       "type": "bulk_retry",
           *       "status": "running",
           *       "total": 1840,
           *       "processed": 600,
           *       "error": null,
           *       "createdAt": "2024-11-03T12:20:00.000Z",
           *       "updatedAt": "2024-11-03T12:20:04.000Z",
           *       "finishedAt": null
           *     }
           */
          'application/json': components['schemas']['Job'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  listSources: {
    parameters: {
      query?: {
        /** @description Maximum number of items in the page. */
        limit?: components['parameters']['Limit'];
        /**
         * @description Opaque cursor from a previous page's `nextCursor`. Send the same filters again with it.
         *     Omit it to get the first page.
         */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of sources, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "src_01JBB1M3P5R7T9W1Y3A5C7E9G1",
           *           "name": "ledger (SQS, raw)",
           *           "type": "aws-sqs",
           *           "config": {
           *             "queueUrl": "https://sqs.eu-west-1.amazonaws.com/123456789012/ledger-events",
           *             "region": "eu-west-1"
           *           },
           *           "hasCredentials": true,
           *           "workers": 2,
           *           "format": "raw",
           *           "raw": {
           *             "eventTypeAttribute": "type",
           *             "ownerIdAttribute": "customer"
           *           },
           *           "status": {
           *             "state": "error",
           *             "workerId": "worker-2.caravan.internal:41877",
           *             "lastError": {
           *               "code": "CARAVAN_SOURCE_AUTH_FAILED",
           *               "message": "AccessDenied: not authorized to perform sqs:ReceiveMessage",
           *               "at": "2024-11-03T12:00:10.000Z"
           *             },
           *             "lastMessageAt": "2024-11-02T23:10:00.000Z",
           *             "metrics": {
           *               "messagesReceived": 5120,
           *               "eventsAccepted": 5101,
           *               "messagesRetried": 12,
           *               "messagesRejected": 7
           *             }
           *           },
           *           "createdAt": "2024-10-29T08:00:00.000Z",
           *           "updatedAt": "2024-11-02T09:00:00.000Z"
           *         },
           *         {
           *           "id": "src_01JB9X8E2G4J6M8P0R2T4W6Y8A",
           *           "name": "billing events (Pub/Sub)",
           *           "type": "gcp-pubsub",
           *           "config": {
           *             "projectId": "acme-billing",
           *             "subscription": "caravan-billing-events"
           *           },
           *           "hasCredentials": true,
           *           "workers": 4,
           *           "format": "caravan",
           *           "raw": null,
           *           "status": {
           *             "state": "running",
           *             "workerId": "worker-1.caravan.internal:41877",
           *             "lastError": null,
           *             "lastMessageAt": "2024-11-03T12:05:00.700Z",
           *             "metrics": {
           *               "messagesReceived": 982311,
           *               "eventsAccepted": 982290,
           *               "messagesRetried": 153,
           *               "messagesRejected": 21
           *             }
           *           },
           *           "createdAt": "2024-10-28T11:00:00.000Z",
           *           "updatedAt": "2024-10-28T11:00:00.000Z"
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['SourceList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  createSource: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Makes the request safe to retry. Within 24 hours, a repeat with the same key, method, path and
         *     credential replays the first answer (with `Idempotent-Replayed: true`) instead of acting again.
         *     The same key with a different body answers `409 CARAVAN_IDEMPOTENCY_KEY_REUSED`; a repeat while
         *     the first request is still running answers `409 CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS`.
         *     Answers with a 5xx status are not stored.
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "billing events (Pub/Sub)",
         *       "type": "gcp-pubsub",
         *       "config": {
         *         "projectId": "acme-billing",
         *         "subscription": "caravan-billing-events"
         *       },
         *       "credentials": {
         *         "serviceAccountKey": "{\"type\":\"service_account\",\"project_id\":\"acme-billing\"}"
         *       },
         *       "workers": 4,
         *       "format": "caravan"
         *     }
         */
        'application/json': components['schemas']['CreateSourceRequest'];
      };
    };
    responses: {
      /** @description The source (without credentials). */
      201: {
        headers: {
          'Idempotent-Replayed': components['headers']['IdempotentReplayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "src_01JB9X8E2G4J6M8P0R2T4W6Y8A",
           *       "name": "billing events (Pub/Sub)",
           *       "type": "gcp-pubsub",
           *       "config": {
           *         "projectId": "acme-billing",
           *         "subscription": "caravan-billing-events"
           *       },
           *       "hasCredentials": true,
           *       "workers": 4,
           *       "format": "caravan",
           *       "raw": null,
           *       "status": {
           *         "state": "running",
           *         "workerId": null,
           *         "lastError": null,
           *         "lastMessageAt": null,
           *         "metrics": {
           *           "messagesReceived": 0,
           *           "eventsAccepted": 0,
           *           "messagesRetried": 0,
           *           "messagesRejected": 0
           *         }
           *       },
           *       "createdAt": "2024-10-28T11:00:00.000Z",
           *       "updatedAt": "2024-10-28T11:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['Source'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  getSource: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sourceId: components['parameters']['SourceIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The source (without credentials), with its live status. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "src_01JB9X8E2G4J6M8P0R2T4W6Y8A",
           *       "name": "billing events (Pub/Sub)",
           *       "type": "gcp-pubsub",
           *       "config": {
           *         "projectId": "acme-billing",
           *         "subscription": "caravan-billing-events"
           *       },
           *       "hasCredentials": true,
           *       "workers": 4,
           *       "format": "caravan",
           *       "raw": null,
           *       "status": {
           *         "state": "running",
           *         "workerId": "worker-1.caravan.internal:41877",
           *         "lastError": null,
           *         "lastMessageAt": "2024-11-03T12:05:00.700Z",
           *         "metrics": {
           *           "messagesReceived": 982311,
           *           "eventsAccepted": 982290,
           *           "messagesRetried": 153,
           *           "messagesRejected": 21
           *         }
           *       },
           *       "createdAt": "2024-10-28T11:00:00.000Z",
           *       "updatedAt": "2024-10-28T11:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['Source'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  deleteSource: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sourceId: components['parameters']['SourceIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  updateSource: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sourceId: components['parameters']['SourceIdPath'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "workers": 8,
         *       "credentials": {
         *         "serviceAccountKey": "{\"type\":\"service_account\",\"project_id\":\"acme-billing\",\"private_key_id\":\"b7e1\"}"
         *       }
         *     }
         */
        'application/json': components['schemas']['UpdateSourceRequest'];
      };
    };
    responses: {
      /** @description The updated source (without credentials). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "src_01JB9X8E2G4J6M8P0R2T4W6Y8A",
           *       "name": "billing events (Pub/Sub)",
           *       "type": "gcp-pubsub",
           *       "config": {
           *         "projectId": "acme-billing",
           *         "subscription": "caravan-billing-events"
           *       },
           *       "hasCredentials": true,
           *       "workers": 8,
           *       "format": "caravan",
           *       "raw": null,
           *       "status": {
           *         "state": "running",
           *         "workerId": "worker-1.caravan.internal:41877",
           *         "lastError": null,
           *         "lastMessageAt": "2024-11-03T12:05:00.700Z",
           *         "metrics": {
           *           "messagesReceived": 982311,
           *           "eventsAccepted": 982290,
           *           "messagesRetried": 153,
           *           "messagesRejected": 21
           *         }
           *       },
           *       "createdAt": "2024-10-28T11:00:00.000Z",
           *       "updatedAt": "2024-11-03T12:30:00.000Z"
           *     }
           */
          'application/json': components['schemas']['Source'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  pauseSource: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sourceId: components['parameters']['SourceIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The source, now `paused`. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "src_01JB9X8E2G4J6M8P0R2T4W6Y8A",
           *       "name": "billing events (Pub/Sub)",
           *       "type": "gcp-pubsub",
           *       "config": {
           *         "projectId": "acme-billing",
           *         "subscription": "caravan-billing-events"
           *       },
           *       "hasCredentials": true,
           *       "workers": 4,
           *       "format": "caravan",
           *       "raw": null,
           *       "status": {
           *         "state": "paused",
           *         "workerId": null,
           *         "lastError": null,
           *         "lastMessageAt": "2024-11-03T12:05:00.700Z",
           *         "metrics": {
           *           "messagesReceived": 982311,
           *           "eventsAccepted": 982290,
           *           "messagesRetried": 153,
           *           "messagesRejected": 21
           *         }
           *       },
           *       "createdAt": "2024-10-28T11:00:00.000Z",
           *       "updatedAt": "2024-11-03T12:40:00.000Z"
           *     }
           */
          'application/json': components['schemas']['Source'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  resumeSource: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sourceId: components['parameters']['SourceIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The source, now `running`. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "src_01JB9X8E2G4J6M8P0R2T4W6Y8A",
           *       "name": "billing events (Pub/Sub)",
           *       "type": "gcp-pubsub",
           *       "config": {
           *         "projectId": "acme-billing",
           *         "subscription": "caravan-billing-events"
           *       },
           *       "hasCredentials": true,
           *       "workers": 4,
           *       "format": "caravan",
           *       "raw": null,
           *       "status": {
           *         "state": "running",
           *         "workerId": null,
           *         "lastError": null,
           *         "lastMessageAt": "2024-11-03T12:05:00.700Z",
           *         "metrics": {
           *           "messagesReceived": 982311,
           *           "eventsAccepted": 982290,
           *           "messagesRetried": 153,
           *           "messagesRejected": 21
           *         }
           *       },
           *       "createdAt": "2024-10-28T11:00:00.000Z",
           *       "updatedAt": "2024-11-03T12:45:00.000Z"
           *     }
           */
          'application/json': components['schemas']['Source'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  listDeadLetters: {
    parameters: {
      query?: {
        /** @description Maximum number of items in the page. */
        limit?: components['parameters']['Limit'];
        /**
         * @description Opaque cursor from a previous page's `nextCursor`. Send the same filters again with it.
         *     Omit it to get the first page.
         */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path: {
        sourceId: components['parameters']['SourceIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of dead letters, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "dl_01JBA0C3E5G7J9M1P3R5T7W9Y1",
           *           "sourceId": "src_01JB9X8E2G4J6M8P0R2T4W6Y8A",
           *           "messageId": "11874009311",
           *           "body": "eyJldmVudFR5cGUiOiJpbnZvaWNlLnBhaWQiLCJwYXlsb2FkIjp7ImFtb3VudCI6MTI=",
           *           "attributes": {
           *             "region": "eu-west-1"
           *           },
           *           "reason": {
           *             "code": "CARAVAN_MALFORMED_JSON",
           *             "message": "Unexpected end of JSON input at line 1 column 51.",
           *             "errors": [
           *               {
           *                 "field": "/body",
           *                 "message": "Unexpected end of JSON input at line 1 column 51"
           *               }
           *             ]
           *           },
           *           "receivedAt": "2024-11-03T08:12:44.000Z",
           *           "replayedAt": null,
           *           "replayedEventId": null
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['DeadLetterList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  replayDeadLetter: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Makes the request safe to retry. Within 24 hours, a repeat with the same key, method, path and
         *     credential replays the first answer (with `Idempotent-Replayed: true`) instead of acting again.
         *     The same key with a different body answers `409 CARAVAN_IDEMPOTENCY_KEY_REUSED`; a repeat while
         *     the first request is still running answers `409 CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS`.
         *     Answers with a 5xx status are not stored.
         */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        sourceId: components['parameters']['SourceIdPath'];
        deadLetterId: components['parameters']['DeadLetterIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted (durable), or a duplicate of the event an earlier replay produced. */
      202: {
        headers: {
          'Idempotent-Replayed': components['headers']['IdempotentReplayed'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "evt_01JBA8M1P3R5T7W9Y1A3C5E7G9",
           *       "duplicate": false
           *     }
           */
          'application/json': components['schemas']['SendEventResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  listSourceTypes: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description All installed source types (not paginated). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "gcp-pubsub",
           *           "apiVersion": 1,
           *           "displayName": "Google Cloud Pub/Sub",
           *           "configSchema": {
           *             "type": "object",
           *             "additionalProperties": false,
           *             "required": [
           *               "projectId",
           *               "subscription"
           *             ],
           *             "properties": {
           *               "projectId": {
           *                 "type": "string"
           *               },
           *               "subscription": {
           *                 "type": "string"
           *               },
           *               "maxOutstandingMessages": {
           *                 "type": "integer",
           *                 "minimum": 1,
           *                 "default": 1000
           *               }
           *             }
           *           },
           *           "credentialsSchema": {
           *             "type": "object",
           *             "additionalProperties": false,
           *             "properties": {
           *               "serviceAccountKey": {
           *                 "type": "string"
           *               }
           *             }
           *           }
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['SourceTypeList'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  getSourceType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sourceTypeId: components['parameters']['SourceTypeIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The source type. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "aws-sqs",
           *       "apiVersion": 1,
           *       "displayName": "Amazon SQS",
           *       "configSchema": {
           *         "type": "object",
           *         "additionalProperties": false,
           *         "required": [
           *           "queueUrl",
           *           "region"
           *         ],
           *         "properties": {
           *           "queueUrl": {
           *             "type": "string",
           *             "format": "uri"
           *           },
           *           "region": {
           *             "type": "string"
           *           },
           *           "visibilityTimeoutSeconds": {
           *             "type": "integer",
           *             "minimum": 0,
           *             "maximum": 43200,
           *             "default": 30
           *           }
           *         }
           *       },
           *       "credentialsSchema": {
           *         "type": "object",
           *         "additionalProperties": false,
           *         "properties": {
           *           "accessKeyId": {
           *             "type": "string"
           *           },
           *           "secretAccessKey": {
           *             "type": "string"
           *           }
           *         }
           *       }
           *     }
           */
          'application/json': components['schemas']['SourceType'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  listDestinationTypes: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description All installed destination types (not paginated). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "aws-sqs",
           *           "apiVersion": 1,
           *           "displayName": "Amazon SQS",
           *           "configSchema": {
           *             "type": "object",
           *             "additionalProperties": false,
           *             "required": [
           *               "queueUrl",
           *               "region"
           *             ],
           *             "properties": {
           *               "queueUrl": {
           *                 "type": "string",
           *                 "format": "uri"
           *               },
           *               "region": {
           *                 "type": "string"
           *               }
           *             }
           *           },
           *           "credentialsSchema": {
           *             "type": "object",
           *             "additionalProperties": false,
           *             "properties": {
           *               "accessKeyId": {
           *                 "type": "string"
           *               },
           *               "secretAccessKey": {
           *                 "type": "string"
           *               }
           *             }
           *           }
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['DestinationTypeList'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  getDestinationType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        destinationTypeId: components['parameters']['DestinationTypeIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The destination type. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "kafka",
           *       "apiVersion": 1,
           *       "displayName": "Apache Kafka",
           *       "configSchema": {
           *         "type": "object",
           *         "additionalProperties": false,
           *         "required": [
           *           "brokers",
           *           "topic"
           *         ],
           *         "properties": {
           *           "brokers": {
           *             "type": "array",
           *             "items": {
           *               "type": "string"
           *             }
           *           },
           *           "topic": {
           *             "type": "string"
           *           }
           *         }
           *       },
           *       "credentialsSchema": {
           *         "type": "object",
           *         "additionalProperties": false,
           *         "properties": {}
           *       }
           *     }
           */
          'application/json': components['schemas']['DestinationType'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
  listOperationalEvents: {
    parameters: {
      query?: {
        /** @description Only operational events of this type. */
        type?: components['parameters']['OperationalEventTypeQuery'];
        /** @description Maximum number of items in the page. */
        limit?: components['parameters']['Limit'];
        /**
         * @description Opaque cursor from a previous page's `nextCursor`. Send the same filters again with it.
         *     Omit it to get the first page.
         */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of operational events, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "data": [
           *         {
           *           "id": "oev_01JBD3F6H8K0M2P4R6T8W0Y2A4",
           *           "type": "endpoint.recovered",
           *           "createdAt": "2024-11-05T09:00:00.000Z",
           *           "data": {
           *             "endpointId": "ep_01JBB4R8T0W2Y4A6C8E0G2J4M6",
           *             "ownerId": "cus_globex",
           *             "failingSince": "2024-10-30T13:45:00.000Z"
           *           }
           *         },
           *         {
           *           "id": "oev_01JBC9D2F4H6K8M0P2R4T6W8Y0",
           *           "type": "endpoint.disabled",
           *           "createdAt": "2024-11-04T13:45:00.000Z",
           *           "data": {
           *             "endpointId": "ep_01JBB4R8T0W2Y4A6C8E0G2J4M6",
           *             "ownerId": "cus_globex",
           *             "reason": "continuous_failure",
           *             "failingSince": "2024-10-30T13:45:00.000Z",
           *             "lastError": {
           *               "code": "connection_failed",
           *               "message": "connect ECONNREFUSED 192.0.2.40:443"
           *             }
           *           }
           *         },
           *         {
           *           "id": "oev_01JBA2E5G7J9M1P3R5T7W9Y1A3",
           *           "type": "delivery.exhausted",
           *           "createdAt": "2024-11-03T04:00:00.000Z",
           *           "data": {
           *             "deliveryId": "dlv_01JBA4G8B3D5F7H9K1N3Q5S7V9",
           *             "eventId": "evt_01JBA4G7J9M1P3R5T7W9Y1A3C5",
           *             "eventType": "invoice.paid",
           *             "endpointId": "ep_01JBB4R8T0W2Y4A6C8E0G2J4M6",
           *             "ownerId": "cus_globex",
           *             "attemptCount": 9,
           *             "lastStatusCode": 500,
           *             "lastError": {
           *               "code": "non_2xx_status",
           *               "message": "Receiver answered 500 Internal Server Error."
           *             }
           *           }
           *         },
           *         {
           *           "id": "oev_01JBA1C4E6G8J0M2P4R6T8W0Y2",
           *           "type": "endpoint.breaker_opened",
           *           "createdAt": "2024-11-03T03:58:30.000Z",
           *           "data": {
           *             "endpointId": "ep_01JBB4R8T0W2Y4A6C8E0G2J4M6",
           *             "ownerId": "cus_globex",
           *             "nextProbeAt": "2024-11-03T04:03:30.000Z",
           *             "lastError": {
           *               "code": "timeout",
           *               "message": "No answer within 30000 ms."
           *             }
           *           }
           *         }
           *       ],
           *       "nextCursor": "b2V2XzAxSkJBMUM0RTZHOEowTTJQNFI2VDhXMFky"
           *     }
           */
          'application/json': components['schemas']['OperationalEventList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
    };
  };
}
