import { CaravanError } from './CaravanError.js';

/** One invalid input value: a JSON Pointer to it (`/body/eventType`) and what is wrong. */
export interface FieldError {
  field: string;
  message: string;
}

/** The input is invalid; `errors` names every offending field. */
export class ValidationError extends CaravanError {
  readonly errors: readonly FieldError[];

  constructor(errors: readonly FieldError[], code = 'CARAVAN_VALIDATION_FAILED') {
    const first = errors[0];
    super(
      code,
      first
        ? `${first.field}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`
        : 'invalid input',
    );
    this.errors = errors;
  }
}

/** Shorthand for a {@link ValidationError} about one field. */
export function invalidField(field: string, message: string): ValidationError {
  return new ValidationError([{ field, message }]);
}
