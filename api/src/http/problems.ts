import {
  CaravanError,
  IngestRateLimitedError,
  ValidationError,
  isRetriable,
  retryAfterMsOf,
  toPointer,
  type CaravanErrorCode,
  type FieldRoot,
} from '@caravan/core';
import type { components } from '../generated/openapi.js';

/** A code of the contract's `ErrorCode` enum: what a client may see. */
export type ErrorCode = components['schemas']['ErrorCode'];
export type Problem = components['schemas']['Problem'];
/** A field error as clients see it: a JSON Pointer prefixed with where the value was sent. */
export type ProblemFieldError = components['schemas']['FieldError'];

/** The one place where an error code decides an HTTP status: every code of the contract. */
export const statusByCode: Record<ErrorCode, number> = {
  CARAVAN_VALIDATION_FAILED: 400,
  CARAVAN_MALFORMED_JSON: 400,
  CARAVAN_PAYLOAD_SCHEMA_MISMATCH: 400,
  CARAVAN_URL_NOT_ALLOWED: 400,
  CARAVAN_UNAUTHORIZED: 401,
  CARAVAN_FORBIDDEN: 403,
  CARAVAN_NOT_FOUND: 404,
  CARAVAN_METHOD_NOT_ALLOWED: 405,
  CARAVAN_TENANT_NOT_FOUND: 404,
  CARAVAN_API_KEY_NOT_FOUND: 404,
  CARAVAN_ENDPOINT_NOT_FOUND: 404,
  CARAVAN_EVENT_TYPE_NOT_FOUND: 404,
  CARAVAN_EVENT_NOT_FOUND: 404,
  CARAVAN_DELIVERY_NOT_FOUND: 404,
  CARAVAN_JOB_NOT_FOUND: 404,
  CARAVAN_SOURCE_NOT_FOUND: 404,
  CARAVAN_DEAD_LETTER_NOT_FOUND: 404,
  CARAVAN_SOURCE_TYPE_NOT_FOUND: 404,
  CARAVAN_DESTINATION_TYPE_NOT_FOUND: 404,
  CARAVAN_EGRESS_POOL_NOT_FOUND: 404,
  CARAVAN_CONFLICT: 409,
  CARAVAN_EVENT_TYPE_EXISTS: 409,
  CARAVAN_IDEMPOTENCY_KEY_REUSED: 409,
  CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS: 409,
  CARAVAN_ENDPOINT_LIMIT_REACHED: 409,
  CARAVAN_TOO_MANY_SECRETS: 409,
  CARAVAN_EGRESS_POOL_IN_USE: 409,
  CARAVAN_PAYLOAD_TOO_LARGE: 413,
  CARAVAN_UNSUPPORTED_MEDIA_TYPE: 415,
  CARAVAN_RATE_LIMITED: 429,
  CARAVAN_INGEST_RATE_LIMITED: 429,
  CARAVAN_INTERNAL: 500,
  CARAVAN_LOG_UNAVAILABLE: 503,
  CARAVAN_UNAVAILABLE: 503,
};

/**
 * Codes core raises in its own terms that a client sees as a code of the contract, with the detail a
 * client can act on. The tenant behind an API key that was deleted after the key authenticated is,
 * to the client, a key that no longer works.
 */
export const translatedCodes = {
  CARAVAN_TENANT_GONE: {
    code: 'CARAVAN_UNAUTHORIZED',
    detail: 'The tenant of this API key no longer exists.',
  },
} as const satisfies Partial<Record<CaravanErrorCode, { code: ErrorCode; detail: string }>>;

/**
 * Codes that never reach a client: raised at start-up (`CONFIG_INVALID`, also a source plugin that
 * fails to load), by the CLI (`USAGE`), or turned into a field error inside core (`INVALID_SECRET`).
 * `DECRYPTION_FAILED` means the operator's key ring lacks a key: nothing a client can fix or should
 * learn about. One that escapes into a request answers `CARAVAN_INTERNAL` (500), or
 * `CARAVAN_UNAVAILABLE` (503) when the error says trying again later may succeed, and is logged.
 */
export const internalCodes = [
  'CARAVAN_CONFIG_INVALID',
  'CARAVAN_USAGE',
  'CARAVAN_INVALID_SECRET',
  'CARAVAN_DECRYPTION_FAILED',
] as const satisfies readonly CaravanErrorCode[];

// Compile-time half of the check in problems.test.ts: every code is public, translated or internal.
type Unplaced = Exclude<
  CaravanErrorCode,
  ErrorCode | keyof typeof translatedCodes | (typeof internalCodes)[number]
>;
const everyCodePlaced: [Unplaced] extends [never] ? true : Unplaced = true;
void everyCodePlaced;

/** Where each root of a core field path was sent in a request. */
const pointerPrefixes: Record<FieldRoot, string> = {
  input: '/body',
  page: '/query',
  // A stored broker message (dead-letter replay): its paths already start at `body` or `attributes`.
  message: '',
};

const titles: Partial<Record<ErrorCode, string>> = {
  CARAVAN_VALIDATION_FAILED: 'The request is invalid',
  CARAVAN_MALFORMED_JSON: 'The request body is not valid JSON',
  CARAVAN_UNAUTHORIZED: 'Missing or invalid API key',
  CARAVAN_FORBIDDEN: 'This key may not call this operation',
  CARAVAN_NOT_FOUND: 'Not found',
  CARAVAN_METHOD_NOT_ALLOWED: 'Method not allowed',
  CARAVAN_PAYLOAD_TOO_LARGE: 'The request body is too large',
  CARAVAN_UNSUPPORTED_MEDIA_TYPE: 'The request body must be application/json',
  CARAVAN_RATE_LIMITED: 'Too many requests',
  CARAVAN_INTERNAL: 'Internal error',
  CARAVAN_LOG_UNAVAILABLE: 'Caravan cannot accept events right now',
  CARAVAN_UNAVAILABLE: 'Caravan cannot complete this request right now',
};

function titleOf(code: ErrorCode): string {
  const known = titles[code];
  if (known) return known;
  const words = code
    .replace(/^CARAVAN_/, '')
    .toLowerCase()
    .replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isPublicCode(code: string): code is ErrorCode {
  return Object.hasOwn(statusByCode, code);
}

/**
 * The code a client sees for a code Caravan raised: itself when the contract has it, its translation,
 * else `CARAVAN_UNAVAILABLE` when trying again may succeed and `CARAVAN_INTERNAL` when not. Also for
 * codes that are stored and shown later (a failed job's error).
 */
export function publicCode(code: string, retriable = false): ErrorCode {
  if (isPublicCode(code)) return code;
  if (Object.hasOwn(translatedCodes, code)) return translatedCodes[code as keyof typeof translatedCodes].code;
  return retriable ? 'CARAVAN_UNAVAILABLE' : 'CARAVAN_INTERNAL';
}

/** An error the API answers directly, with a code from the spec and field pointers already prefixed. */
export class HttpProblem extends CaravanError {
  constructor(
    code: ErrorCode,
    detail: string,
    readonly errors?: ProblemFieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(code, detail);
  }
}

/** A validation error's fields as clients see them: each path prefixed with where it was sent. */
export function problemFieldErrors(error: ValidationError): ProblemFieldError[] {
  const prefix = pointerPrefixes[error.root];
  return error.errors.map((e) => ({ field: `${prefix}${toPointer(e.path)}`, message: e.message }));
}

function validationDetail(errors: readonly ProblemFieldError[]): string {
  const first = errors[0];
  if (!first) return 'invalid input';
  return `${first.field}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`;
}

function detailOf(error: CaravanError, fieldErrors: readonly ProblemFieldError[] | undefined): string {
  if (Object.hasOwn(translatedCodes, error.code))
    return translatedCodes[error.code as keyof typeof translatedCodes].detail;
  // Core names fields relative to its input; the detail names them as the client sent them.
  if (error instanceof ValidationError) return validationDetail(fieldErrors ?? []);
  return error.message;
}

/**
 * Turns any thrown value into the problem answer. An error with a code the contract has (or
 * translates) answers that code; any other answers an opaque 503 when it is retriable and an opaque
 * 500 when not, and is `unexpected` (logged).
 */
export function toProblem(
  error: unknown,
  instance: string,
  requestId: string,
): { status: number; body: Problem; headers: Record<string, string>; unexpected: boolean } {
  const retriable = isRetriable(error);
  const known =
    error instanceof CaravanError && (isPublicCode(error.code) || Object.hasOwn(translatedCodes, error.code))
      ? error
      : undefined;
  const code = known ? publicCode(known.code) : publicCode('', retriable);
  const status = statusByCode[code];
  const fieldErrors =
    error instanceof ValidationError
      ? problemFieldErrors(error)
      : error instanceof HttpProblem
        ? error.errors
        : undefined;
  const body: Problem = {
    type: `urn:caravan:problem:${code
      .replace(/^CARAVAN_/, '')
      .toLowerCase()
      .replace(/_/g, '-')}`,
    title: titleOf(code),
    status,
    code,
    detail: known
      ? detailOf(known, fieldErrors).slice(0, 4096)
      : `${retriable ? 'Temporarily unavailable; try again later' : 'Unexpected error'}; quote request ${requestId}.`,
    // A path sent with a stray `%` is still named, as a valid URI reference.
    instance: instance.replace(/%(?![0-9a-fA-F]{2})/g, '%25'),
    requestId,
  };
  if (known && fieldErrors?.length) body.errors = fieldErrors.slice(0, 100).map((e) => ({ ...e }));
  const headers: Record<string, string> =
    error instanceof HttpProblem && error.headers ? { ...error.headers } : {};
  const retryAfterMs = retriable ? retryAfterMsOf(error) : undefined;
  if (retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  }
  if (error instanceof IngestRateLimitedError) {
    Object.assign(headers, {
      'ratelimit-limit': String(error.limit),
      'ratelimit-remaining': '0',
      'ratelimit-reset': headers['retry-after'],
    });
  }
  // The contract's 503 carries Retry-After: what failed is usually back within seconds.
  if (status === 503 && !headers['retry-after']) headers['retry-after'] = '1';
  return { status, body, headers, unexpected: !known };
}
