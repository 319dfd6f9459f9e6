/** Options every Caravan error accepts. */
export interface CaravanErrorOptions {
  /** The lower-level error that caused this one. */
  cause?: unknown;
  /** Whether repeating the same operation later may succeed. Retry logic reads this flag. */
  retriable?: boolean;
}

/**
 * The one base class of every error Caravan raises on purpose. `code` is stable and machine-readable
 * (`CARAVAN_…`); the API maps it to an HTTP status in exactly one place.
 */
export class CaravanError extends Error {
  readonly code: string;
  readonly retriable: boolean;

  constructor(code: string, message: string, options: CaravanErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}
