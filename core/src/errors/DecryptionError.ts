import { CaravanError, type CaravanErrorOptions } from './CaravanError.js';

/** A value encrypted at rest could not be decrypted: malformed, under a key not in the ring, or tampered with. */
export class DecryptionError extends CaravanError {
  constructor(message: string, options?: CaravanErrorOptions) {
    super('CARAVAN_DECRYPTION_FAILED', message, options);
  }
}
