import { CaravanError } from './CaravanError.js';
import type { CaravanErrorCode } from './CaravanErrorCode.js';
import { toPointer, type FieldError, type FieldPath } from './FieldError.js';

/**
 * What the paths of a validation error are relative to: the call's main `input` (the resource or
 * event document it takes), the `page` of a list (`cursor`, `limit`), or a broker `message` whose
 * paths start at `body` or `attributes`.
 */
export type FieldRoot = 'input' | 'page' | 'message';

export interface ValidationErrorOptions {
  /** Default `CARAVAN_VALIDATION_FAILED`. */
  code?: CaravanErrorCode;
  /** Default `input`. */
  root?: FieldRoot;
}

/** The input is invalid; `errors` names every offending field. */
export class ValidationError extends CaravanError {
  readonly errors: readonly FieldError[];
  readonly root: FieldRoot;

  constructor(errors: readonly FieldError[], options: ValidationErrorOptions = {}) {
    const first = errors[0];
    super(
      options.code ?? 'CARAVAN_VALIDATION_FAILED',
      first
        ? `${toPointer(first.path) || '(input)'}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`
        : 'invalid input',
    );
    this.errors = errors;
    this.root = options.root ?? 'input';
  }
}

/** Shorthand for a {@link ValidationError} about one field of the input. */
export function invalidField(path: FieldPath, message: string): ValidationError {
  return new ValidationError([{ path, message }]);
}

/** A list cursor that Caravan did not make for this list. */
export class InvalidCursorError extends ValidationError {
  constructor() {
    super([{ path: ['cursor'], message: 'is not a cursor returned by a previous page of this list' }], {
      root: 'page',
    });
  }
}
