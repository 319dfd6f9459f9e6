/** Options every destination error accepts. */
export interface DestinationErrorOptions {
  /** The broker SDK's error (or any lower-level error) behind this one; kept for logs. */
  cause?: unknown;
}

/**
 * Base class of the errors a destination plugin raises on purpose. The host reads `code` (stable,
 * `CARAVAN_DESTINATION_…`) and `retriable`: a retriable error becomes a `retry` outcome for the
 * messages it touched, any other a `failed` one. A plugin throws these from `create()`, and may use
 * {@link outcomeOfError} to turn one into the outcome of a message.
 */
export abstract class DestinationError extends Error {
  readonly code: string;
  readonly retriable: boolean;

  protected constructor(code: string, message: string, retriable: boolean, options: DestinationErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = retriable;
  }
}

/**
 * The destination's config or credentials cannot work: a value the schema admits but the plugin or
 * the broker refuses. `field` is a JSON Pointer into the destination (`/config/queueUrl`) when one
 * field is to blame. Retriable: the tenant may fix the broker side (create the queue) while
 * Caravan keeps retrying on the endpoint's schedule.
 */
export class DestinationConfigError extends DestinationError {
  readonly field: string | undefined;

  constructor(message: string, options: DestinationErrorOptions & { field?: string } = {}) {
    super('CARAVAN_DESTINATION_CONFIG_INVALID', message, true, options);
    this.field = options.field;
  }
}

/** The broker refused the credentials or their permissions; retriable, like an HTTP 401 or 403 is. */
export class DestinationAuthError extends DestinationError {
  constructor(message: string, options: DestinationErrorOptions = {}) {
    super('CARAVAN_DESTINATION_AUTH_FAILED', message, true, options);
  }
}

/** The broker cannot be reached or is failing: the messages are tried again later. */
export class DestinationUnavailableError extends DestinationError {
  constructor(message: string, options: DestinationErrorOptions = {}) {
    super('CARAVAN_DESTINATION_UNAVAILABLE', message, true, options);
  }
}

/**
 * The broker will never take this message as it is (too large, an attribute it cannot carry): the
 * delivery fails at once instead of spending its retries.
 */
export class DestinationMessageRejectedError extends DestinationError {
  constructor(message: string, options: DestinationErrorOptions = {}) {
    super('CARAVAN_DESTINATION_MESSAGE_REJECTED', message, false, options);
  }
}

/** A plugin definition breaks the contract (bad id, unsupported `apiVersion`, schema not an object schema). */
export class InvalidDestinationPluginError extends DestinationError {
  constructor(message: string, options: DestinationErrorOptions = {}) {
    super('CARAVAN_DESTINATION_PLUGIN_INVALID', message, false, options);
  }
}
