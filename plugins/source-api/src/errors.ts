/** Options every source error accepts. */
export interface SourceErrorOptions {
  /** The broker SDK's error (or any lower-level error) behind this one; kept for logs. */
  cause?: unknown;
}

/**
 * Base class of the errors a source plugin raises on purpose. The host reads `code` (stable,
 * `CARAVAN_SOURCE_…`, shown to the tenant as the source's `lastError.code`) and `retriable`.
 * The host keeps retrying a failing source with back-off either way; `retriable: false` tells the
 * tenant that it will not recover until someone changes the config, the credentials or the broker.
 *
 * A plugin throws these from `create()` and `start()`, and passes them to
 * {@link SourceSink.fail} when the consumer cannot go on. Any other error the host sees is treated
 * like a {@link SourceUnavailableError}.
 */
export abstract class SourceError extends Error {
  readonly code: string;
  readonly retriable: boolean;

  protected constructor(code: string, message: string, retriable: boolean, options: SourceErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = retriable;
  }
}

/**
 * The source's config or credentials cannot work: a value the schema admits but the broker refuses,
 * a subscription, queue or topic that does not exist. `field` is a JSON Pointer into the source
 * (`/config/queueUrl`, `/credentials/serviceAccountKey`) when one field is to blame.
 */
export class SourceConfigError extends SourceError {
  readonly field: string | undefined;

  constructor(message: string, options: SourceErrorOptions & { field?: string } = {}) {
    super('CARAVAN_SOURCE_CONFIG_INVALID', message, false, options);
    this.field = options.field;
  }
}

/** The broker refused the credentials (unknown, expired, revoked) or their permissions. */
export class SourceAuthError extends SourceError {
  constructor(message: string, options: SourceErrorOptions = {}) {
    super('CARAVAN_SOURCE_AUTH_FAILED', message, false, options);
  }
}

/** The broker cannot be reached or is failing; the host stops the consumer and restarts it after a back-off. */
export class SourceUnavailableError extends SourceError {
  constructor(message: string, options: SourceErrorOptions = {}) {
    super('CARAVAN_SOURCE_UNAVAILABLE', message, true, options);
  }
}

/** A plugin definition breaks the contract (bad id, unsupported `apiVersion`, schema not an object schema). */
export class InvalidSourcePluginError extends SourceError {
  constructor(message: string, options: SourceErrorOptions = {}) {
    super('CARAVAN_SOURCE_PLUGIN_INVALID', message, false, options);
  }
}
