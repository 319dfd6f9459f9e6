import { createHash } from 'node:crypto';
import type { Clock } from '../domain/Clock.js';
import { CaravanError } from '../errors/index.js';
import type { IdempotencyRepository } from '../storage/IdempotencyRepository.js';

/**
 * What to do with a request that carries an `Idempotency-Key`. On `proceed`, the caller either
 * `finish`es with the answer to replay to repeats (what it answers on success; the status is the
 * caller's own, stored as it is) or `abandon`s the claim when the request failed, so a repeat runs.
 */
export type IdempotencyDecision =
  | { kind: 'proceed'; finish(status: number, body: unknown): Promise<void>; abandon(): Promise<void> }
  | { kind: 'replay'; status: number; body: unknown };

export interface IdempotencyRequest {
  /** Who is calling: the tenant and key id, or `admin`. */
  credential: string;
  method: string;
  path: string;
  key: string;
  body: Buffer | undefined;
}

const WINDOW_MS = 24 * 3_600_000;

/**
 * `Idempotency-Key` for resource-creating POSTs: within 24 hours, a repeat of the same key by the same
 * credential on the same method and path replays the first answer; a different body is a conflict, as is
 * a repeat while the first request still runs. A request that failed is abandoned, so its retry runs.
 */
export class IdempotencyService {
  private lastPurge = 0;

  constructor(private readonly deps: { records: IdempotencyRepository; clock: Clock }) {}

  async begin(request: IdempotencyRequest): Promise<IdempotencyDecision> {
    const now = this.deps.clock.now();
    if (now - this.lastPurge > 60_000) {
      this.lastPurge = now;
      await this.deps.records.purgeExpired(now);
    }
    const scope = request.credential.slice(0, 64);
    const key = sha256(`${request.method} ${request.path} ${request.key}`);
    const requestHash = sha256(request.body ?? Buffer.alloc(0));
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await this.deps.records.claim(scope, key, requestHash, now, now + WINDOW_MS)) {
        return {
          kind: 'proceed',
          finish: (status, body) =>
            this.deps.records.complete(scope, key, status, body === undefined ? null : JSON.stringify(body)),
          abandon: () => this.deps.records.release(scope, key),
        };
      }
      const existing = await this.deps.records.get(scope, key);
      if (!existing || existing.expiresAt <= now) {
        if (existing) await this.deps.records.release(scope, key);
        continue;
      }
      if (existing.requestHash !== requestHash) {
        throw new CaravanError(
          'CARAVAN_IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was used with a different request body; use a new key for a new request.',
        );
      }
      if (existing.responseStatus === null) {
        throw new CaravanError(
          'CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS',
          'A request with this Idempotency-Key is still running; retry once it has finished.',
        );
      }
      return {
        kind: 'replay',
        status: existing.responseStatus,
        body: existing.responseBody === null ? undefined : (JSON.parse(existing.responseBody) as unknown),
      };
    }
    throw new CaravanError('CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS', 'Retry the request.');
  }
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
