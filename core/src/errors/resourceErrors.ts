import { CaravanError } from './CaravanError.js';

// A resource of another tenant is reported exactly like one that does not exist, so ids cannot be probed.

/** No tenant with this id. */
export class TenantNotFoundError extends CaravanError {
  constructor(id: string) {
    super('CARAVAN_TENANT_NOT_FOUND', `Tenant ${id} does not exist.`);
  }
}

/** No API key with this id in the tenant. */
export class ApiKeyNotFoundError extends CaravanError {
  constructor(id: string) {
    super('CARAVAN_API_KEY_NOT_FOUND', `API key ${id} does not exist.`);
  }
}

/** A tenant key tried to revoke itself: the tenant would lose the session, and maybe its last key. */
export class ApiKeyInUseError extends CaravanError {
  constructor(id: string) {
    super(
      'CARAVAN_CONFLICT',
      `API key ${id} is the key making this request; sign in with another key of the tenant to revoke it.`,
    );
  }
}

/** No endpoint with this id in the tenant. */
export class EndpointNotFoundError extends CaravanError {
  constructor(id: string) {
    super('CARAVAN_ENDPOINT_NOT_FOUND', `Endpoint ${id} does not exist.`);
  }
}

/** No event type with this name in the tenant. */
export class EventTypeNotFoundError extends CaravanError {
  constructor(name: string) {
    super('CARAVAN_EVENT_TYPE_NOT_FOUND', `Event type ${name} does not exist.`);
  }
}

/** No event with this id in the tenant (or not persisted yet). */
export class EventNotFoundError extends CaravanError {
  constructor(id: string) {
    super('CARAVAN_EVENT_NOT_FOUND', `Event ${id} does not exist.`);
  }
}

/** No delivery with this id in the tenant. */
export class DeliveryNotFoundError extends CaravanError {
  constructor(id: string) {
    super('CARAVAN_DELIVERY_NOT_FOUND', `Delivery ${id} does not exist.`);
  }
}

/** No job with this id in the tenant. */
export class JobNotFoundError extends CaravanError {
  constructor(id: string) {
    super('CARAVAN_JOB_NOT_FOUND', `Job ${id} does not exist.`);
  }
}

/** No egress pool with this id, or none the tenant may use. */
export class EgressPoolNotFoundError extends CaravanError {
  constructor(id: string) {
    super('CARAVAN_EGRESS_POOL_NOT_FOUND', `Egress pool ${id} does not exist.`);
  }
}

/** Another egress pool already has this name. */
export class EgressPoolNameTakenError extends CaravanError {
  constructor(name: string) {
    super('CARAVAN_CONFLICT', `An egress pool named ${name} already exists.`);
  }
}

/** The egress pool is some tenant's default or some endpoint's pool, so it cannot be deleted or taken away. */
export class EgressPoolInUseError extends CaravanError {
  constructor(message: string) {
    super('CARAVAN_EGRESS_POOL_IN_USE', message);
  }
}

/** An event type with this name already exists in the tenant. */
export class EventTypeExistsError extends CaravanError {
  constructor(name: string) {
    super('CARAVAN_EVENT_TYPE_EXISTS', `Event type ${name} already exists.`);
  }
}

/** The tenant already has as many endpoints as its `maxEndpoints` limit allows. */
export class EndpointLimitReachedError extends CaravanError {
  constructor(limit: number) {
    super('CARAVAN_ENDPOINT_LIMIT_REACHED', `The tenant may have at most ${limit} endpoints.`);
  }
}

/** A rotation with a grace period would leave more previous secrets live than an endpoint may have. */
export class TooManySecretsError extends CaravanError {
  constructor(max: number) {
    super(
      'CARAVAN_TOO_MANY_SECRETS',
      `At most ${max} previous secrets may be live at once; wait for one to expire or rotate with gracePeriodSeconds: 0.`,
    );
  }
}

/** The endpoint is disabled, so work that would send to it must wait until it is resumed. */
export class EndpointDisabledError extends CaravanError {
  constructor(id: string) {
    super(
      'CARAVAN_CONFLICT',
      `Endpoint ${id} is disabled; resume it first (POST /v1/endpoints/${id}/resume).`,
    );
  }
}

/** No source with this id in the tenant. */
export class SourceNotFoundError extends CaravanError {
  constructor(id: string) {
    super('CARAVAN_SOURCE_NOT_FOUND', `Source ${id} does not exist.`);
  }
}

/** No dead letter with this id in the source. */
export class DeadLetterNotFoundError extends CaravanError {
  constructor(id: string) {
    super('CARAVAN_DEAD_LETTER_NOT_FOUND', `Dead letter ${id} does not exist.`);
  }
}

/** No installed source plugin with this id. */
export class SourceTypeNotFoundError extends CaravanError {
  constructor(id: string) {
    super(
      'CARAVAN_SOURCE_TYPE_NOT_FOUND',
      `Source type ${id} is not installed (GET /v1/source-types lists them).`,
    );
  }
}

/**
 * The tenant a call acts for no longer exists: the API key that named it authenticated, or the source
 * that belongs to it was leased, before the tenant was deleted.
 */
export class TenantGoneError extends CaravanError {
  constructor(id: string) {
    super('CARAVAN_TENANT_GONE', `Tenant ${id} no longer exists.`);
  }
}

/** No installed destination plugin with this id. */
export class DestinationTypeNotFoundError extends CaravanError {
  constructor(id: string) {
    super(
      'CARAVAN_DESTINATION_TYPE_NOT_FOUND',
      `Destination type ${id} is not installed (GET /v1/destination-types lists them).`,
    );
  }
}
