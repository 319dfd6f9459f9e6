import type { Principal } from '@caravan/core';
import type { operations } from '../generated/openapi.js';
import type { Services } from '../server/Services.js';

/** Every operationId in the contract. */
export type OperationId = keyof operations;

type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? B : undefined;
type Parameters<Op extends OperationId> = operations[Op]['parameters'];

export type RequestBody<Op extends OperationId> = operations[Op] extends { requestBody: infer R }
  ? JsonContent<R>
  : operations[Op] extends { requestBody?: infer R }
    ? JsonContent<R> | undefined
    : undefined;
export type PathParams<Op extends OperationId> =
  Parameters<Op> extends { path: infer P } ? P : Record<string, never>;
export type QueryParams<Op extends OperationId> =
  Parameters<Op> extends { query?: infer Q } ? NonNullable<Q> : Record<string, never>;

type Responses<Op extends OperationId> = operations[Op]['responses'];
type SuccessStatus<Op extends OperationId> = Extract<keyof Responses<Op>, 200 | 201 | 202 | 204>;

/** What a handler answers: one of the operation's success responses, typed by the contract. */
export type HandlerResult<Op extends OperationId> = {
  [S in SuccessStatus<Op>]: {
    status: S;
    body: JsonContent<Responses<Op>[S]>;
    headers?: Record<string, string>;
  };
}[SuccessStatus<Op>];

/** A validated request as a handler sees it. */
export interface OperationRequest<Op extends OperationId> {
  body: RequestBody<Op>;
  /** The exact bytes of the body, for operations that keep them (event payloads). */
  rawBody: Buffer | undefined;
  params: PathParams<Op>;
  query: QueryParams<Op>;
  headers: Record<string, string | undefined>;
  principal: Principal;
  /** The caller's tenant on tenant operations (from the key, never from the request). */
  tenantId: string;
}

/** One operation: parse → one core call → map the result. */
export type Handler<Op extends OperationId> = (
  request: OperationRequest<Op>,
  services: Services,
) => Promise<HandlerResult<Op>>;

/** One handler per operation of the contract: an operation without its handler does not compile. */
export type HandlerMap = { readonly [Op in OperationId]: Handler<Op> };

/** Formats epoch milliseconds as the contract's date-time. */
export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
/** Parses a validated date-time. */
export const epoch = (value: string): number => Date.parse(value);
export const epochOrNull = (value: string | null | undefined): number | null | undefined =>
  value === undefined ? undefined : value === null ? null : Date.parse(value);
