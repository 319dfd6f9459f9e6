import { CaravanError, type CaravanErrorOptions } from './CaravanError.js';

/** A signing secret or public key is not in its Standard Webhooks form; the message says what is wrong. */
export class InvalidSecretError extends CaravanError {
  constructor(message: string, options?: CaravanErrorOptions) {
    super('CARAVAN_INVALID_SECRET', message, options);
  }
}
