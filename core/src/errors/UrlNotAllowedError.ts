import type { FieldPath } from './FieldError.js';
import { ValidationError } from './ValidationError.js';

/** A URL is not a destination Caravan may send to (SSRF guard), or its host could not be checked. */
export class UrlNotAllowedError extends ValidationError {
  constructor(field: string | FieldPath, message: string) {
    super([{ path: typeof field === 'string' ? [field] : field, message }], {
      code: 'CARAVAN_URL_NOT_ALLOWED',
    });
  }
}
