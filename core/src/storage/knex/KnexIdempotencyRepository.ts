import type { Database } from '../createDatabase.js';
import type { IdempotencyRecord, IdempotencyRepository } from '../IdempotencyRepository.js';
import { isDuplicateKeyError } from './isDuplicateKeyError.js';

interface Row {
  request_hash: string;
  response_status: number | null;
  response_body: string | null;
  expires_at: number | string;
}

/** {@link IdempotencyRepository} on the `idempotency_records` table. */
export class KnexIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly deps: { db: Database }) {}

  async claim(
    scope: string,
    key: string,
    requestHash: string,
    now: number,
    expiresAt: number,
  ): Promise<boolean> {
    try {
      await this.deps.db('idempotency_records').insert({
        scope,
        idempotency_key: key,
        request_hash: requestHash,
        created_at: now,
        expires_at: expiresAt,
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async get(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = (await this.deps.db('idempotency_records').where({ scope, idempotency_key: key }).first()) as
      Row | undefined;
    return (
      row && {
        requestHash: row.request_hash,
        responseStatus: row.response_status,
        responseBody: row.response_body,
        expiresAt: Number(row.expires_at),
      }
    );
  }

  async complete(scope: string, key: string, status: number, body: string | null): Promise<void> {
    await this.deps
      .db('idempotency_records')
      .where({ scope, idempotency_key: key })
      .update({ response_status: status, response_body: body });
  }

  async release(scope: string, key: string): Promise<void> {
    await this.deps.db('idempotency_records').where({ scope, idempotency_key: key }).delete();
  }

  async purgeExpired(now: number): Promise<number> {
    return this.deps.db('idempotency_records').where('expires_at', '<=', now).delete();
  }
}
