import { CaravanError, IngestRateLimitedError, ValidationError, type FieldError } from '@caravan/core';
import type { components } from '../generated/openapi.js';

export type ErrorCode = components['schemas']['ErrorCode'];
export type Problem = components['schemas']['Problem'];

/** The one place where an error code decides an HTTP status. */
export const statusByCode: Record<ErrorCode, number> = {
  CARAVAN_VALIDATION_FAILED: 400,
  CARAVAN_MALFORMED_JSON: 400,
  CARAVAN_PAYLOAD_SCHEMA_MISMATCH: 400,
  CARAVAN_URL_NOT_ALLOWED: 400,
  CARAVAN_UNAUTHORIZED: 401,
  CARAVAN_FORBIDDEN: 403,
  CARAVAN_NOT_FOUND: 404,
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
};

const titles: Partial<Record<ErrorCode, string>> = {
  CARAVAN_VALIDATION_FAILED: 'The request is invalid',
  CARAVAN_MALFORMED_JSON: 'The request body is not valid JSON',
  CARAVAN_UNAUTHORIZED: 'Missing or invalid API key',
  CARAVAN_FORBIDDEN: 'This key may not call this operation',
  CARAVAN_NOT_FOUND: 'Not found',
  CARAVAN_PAYLOAD_TOO_LARGE: 'The request body is too large',
  CARAVAN_UNSUPPORTED_MEDIA_TYPE: 'The request body must be application/json',
  CARAVAN_RATE_LIMITED: 'Too many requests',
  CARAVAN_INTERNAL: 'Internal error',
  CARAVAN_LOG_UNAVAILABLE: 'Caravan cannot accept events right now',
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

function isErrorCode(code: string): code is ErrorCode {
  return code in statusByCode;
}

/** An error the API answers directly, with a code from the spec. */
export class HttpProblem extends CaravanError {
  constructor(
    code: ErrorCode,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(code, detail);
  }
}

/** Turns any thrown value into the problem answer; unknown errors become an opaque 500. */
export function toProblem(
  error: unknown,
  instance: string,
  requestId: string,
): { status: number; body: Problem; headers: Record<string, string>; unexpected: boolean } {
  const known = error instanceof CaravanError && isErrorCode(error.code);
  const code: ErrorCode = known ? error.code : 'CARAVAN_INTERNAL';
  const status = statusByCode[code];
  const body: Problem = {
    type: `urn:caravan:problem:${code
      .replace(/^CARAVAN_/, '')
      .toLowerCase()
      .replace(/_/g, '-')}`,
    title: titleOf(code),
    status,
    code,
    detail: known ? error.message.slice(0, 4096) : `Unexpected error; quote request ${requestId}.`,
    instance,
    requestId,
  };
  const fieldErrors =
    error instanceof ValidationError ? error.errors : error instanceof HttpProblem ? error.errors : undefined;
  if (fieldErrors?.length) body.errors = fieldErrors.slice(0, 100).map((e) => ({ ...e }));
  const headers: Record<string, string> =
    error instanceof HttpProblem && error.headers ? { ...error.headers } : {};
  if (error instanceof IngestRateLimitedError) {
    const seconds = String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
    Object.assign(headers, {
      'retry-after': seconds,
      'ratelimit-limit': String(error.limit),
      'ratelimit-remaining': '0',
      'ratelimit-reset': seconds,
    });
  }
  // The contract's 503 carries Retry-After: the log is usually back within seconds.
  if (code === 'CARAVAN_LOG_UNAVAILABLE' && !headers['retry-after']) headers['retry-after'] = '1';
  return { status, body, headers, unexpected: !known };
}
