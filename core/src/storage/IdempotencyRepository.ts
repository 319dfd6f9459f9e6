/** A remembered request: its body hash and, once it finished, its answer. */
export interface IdempotencyRecord {
  requestHash: string;
  responseStatus: number | null;
  responseBody: string | null;
  expiresAt: number;
}

/** Persistence of `Idempotency-Key` records. */
export interface IdempotencyRepository {
  /** Inserts a pending record; false when one with this scope and key already exists. */
  claim(scope: string, key: string, requestHash: string, now: number, expiresAt: number): Promise<boolean>;
  get(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  complete(scope: string, key: string, status: number, body: string | null): Promise<void>;
  release(scope: string, key: string): Promise<void>;
  /** Removes records whose window has passed. */
  purgeExpired(now: number): Promise<number>;
}
