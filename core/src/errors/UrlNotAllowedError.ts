import { ValidationError } from './ValidationError.js';

/** A URL is not a destination Caravan may send to (SSRF guard), or its host could not be checked. */
export class UrlNotAllowedError extends ValidationError {
  constructor(field: string, message: string) {
    super([{ field, message }], 'CARAVAN_URL_NOT_ALLOWED');
  }
}
