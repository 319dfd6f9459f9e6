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
