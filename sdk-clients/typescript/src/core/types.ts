// Type helpers that read request and response shapes out of the openapi-typescript `operations` map, so
// the generated methods stay one line each and follow the spec without hand-written types.

type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Responses<Op> = Op extends { responses: infer R } ? R : never;

/** The JSON request body of an operation. */
export type RequestBody<Op> = Op extends { requestBody?: infer R } ? JsonContent<NonNullable<R>> : never;

type OneOrMany<T> = T extends readonly (infer I)[] ? I | T : T;
type Loosened<Q> = { [K in keyof Q]: OneOrMany<Q[K]> };

/** The query parameters of an operation; a repeatable one also takes a single value (`status: 'failed'`). */
export type QueryParams<Op> = Op extends { parameters: { query?: infer Q } }
  ? Loosened<NonNullable<Q>>
  : never;

/** The JSON body of an operation's success answer (each operation has exactly one 2xx answer). */
export type SuccessBody<Op> = JsonContent<Responses<Op>[Extract<keyof Responses<Op>, 200 | 201 | 202>]>;

/** One item of a paginated list operation. */
export type ListItem<Op> = SuccessBody<Op> extends { data: (infer I)[] } ? I : never;

/** One page of a list: `nextCursor` is `null` on the last page. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Per-call settings; each overrides the client's default for this call only. */
export interface RequestOptions {
  /** Cancels the call, including any wait between retries. */
  signal?: AbortSignal;
  /** Time limit of each attempt, in milliseconds. */
  timeoutMs?: number;
  /** How many times a failed attempt (429, 5xx, network error, timeout) is retried. */
  maxRetries?: number;
  /**
   * The `Idempotency-Key` sent with a creating `POST` (or the `idempotencyKey` of an ingested event when
   * the event has none). Generated once per call when omitted, and reused by every retry of that call.
   */
  idempotencyKey?: string;
}

/** One call of an operation, as the generated resource methods describe it. */
export interface OperationCall {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  query?: object | undefined;
  /** The operation takes an `Idempotency-Key` header (creating `POST`s). */
  idempotencyHeader?: boolean;
  /** The body carries its own ingest key: on the event, or on each event of a batch. */
  bodyKey?: 'event' | 'batch';
}
