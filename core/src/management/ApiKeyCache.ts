import type { ApiKey } from '../domain/tenant.js';

interface Entry {
  at: number;
  key: Promise<ApiKey | undefined>;
  /** Set once the read has answered. */
  loaded?: ApiKey;
}

/**
 * Tenant API keys by hash, trusted for `ttlMs` after they were read, so authenticating a request is not a
 * database query. What the cache holds is the key's state (tenant, `expiresAt`, `revokedAt`): the caller
 * still checks expiry against the current time on every request. A revocation or an expiry change made
 * by another process applies once the entry is older than `ttlMs`; one made through this process is
 * applied at once (`forget`). Unknown hashes are not cached, so a key created a moment ago works at once.
 * Concurrent lookups of one hash share a single read.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: {
      ttlMs: number;
      /** Entries kept at most; the oldest go first. */
      maxEntries?: number;
    },
  ) {}

  /** The key stored under `hash`, from the cache when the entry is younger than the TTL, else from `load`. */
  lookup(hash: string, now: number, load: () => Promise<ApiKey | undefined>): Promise<ApiKey | undefined> {
    if (this.options.ttlMs <= 0) return load();
    const cached = this.entries.get(hash);
    if (cached && now - cached.at < this.options.ttlMs) return cached.key;
    const entry: Entry = { at: now, key: load() };
    this.entries.delete(hash);
    this.entries.set(hash, entry);
    // A miss or a failed read is not remembered: the next request reads again.
    entry.key.then(
      (key) => {
        if (key) entry.loaded = key;
        else this.drop(hash, entry);
      },
      () => this.drop(hash, entry),
    );
    const max = this.options.maxEntries ?? 10_000;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(oldest);
    }
    return entry.key;
  }

  /** Drops every cached key of `tenantId` (or only `keyId`), after a change made through this process. */
  forget(tenantId: string, keyId?: string): void {
    for (const [hash, entry] of this.entries) {
      const key = entry.loaded;
      // A read still in flight may have started before the change: it is dropped too.
      if (!key || (key.tenantId === tenantId && (keyId === undefined || key.id === keyId)))
        this.entries.delete(hash);
    }
  }

  private drop(hash: string, entry: Entry): void {
    if (this.entries.get(hash) === entry) this.entries.delete(hash);
  }
}
