import type { ErrorCode, FieldError } from '../generated/resources.js';

// The SDK ships with no runtime dependency, so it cannot extend the server's CaravanError; these mirror
// it on the client side: one base class, the API's stable `code` on every API error.

/** Base class of every error the client throws (other than the caller's own abort reason). */
export class CaravanClientError extends Error {
  override name = 'CaravanClientError';
}

/** A problem details body as Caravan sends it (RFC 9457 with `code` and `errors[]`). */
interface ProblemBody {
  type?: string;
  title?: string;
  detail?: string;
  code?: ErrorCode;
  errors?: FieldError[];
  requestId?: string;
}

/** Caravan answered with an error status; `code` and `errors` come from its problem details. */
export class CaravanApiError extends CaravanClientError {
  override name = 'CaravanApiError';
  /** The stable machine code (`CARAVAN_…`), or `CARAVAN_UNEXPECTED_RESPONSE` for a non-problem answer. */
  readonly code: ErrorCode | 'CARAVAN_UNEXPECTED_RESPONSE';
  readonly title: string;
  readonly detail: string | undefined;
  /** Every invalid field, as JSON Pointers (`/body/url`), for validation problems. */
  readonly errors: FieldError[];
  /** Id of the request in Caravan's logs. */
  readonly requestId: string | undefined;

  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Headers,
  ) {
    const problem: ProblemBody = isProblem(body) ? body : {};
    const title = problem.title ?? `HTTP ${status}`;
    super(`${status} ${problem.code ?? 'CARAVAN_UNEXPECTED_RESPONSE'}: ${problem.detail ?? title}`);
    this.code = problem.code ?? 'CARAVAN_UNEXPECTED_RESPONSE';
    this.title = title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.requestId = problem.requestId;
  }
}

/** The request did not get an answer (connection refused, reset, DNS failure, …). */
export class CaravanConnectionError extends CaravanClientError {
  override name = 'CaravanConnectionError';
}

/** An attempt took longer than `timeoutMs`. */
export class CaravanTimeoutError extends CaravanConnectionError {
  override name = 'CaravanTimeoutError';
}

function isProblem(body: unknown): body is ProblemBody {
  return typeof body === 'object' && body !== null && typeof (body as ProblemBody).code === 'string';
}
