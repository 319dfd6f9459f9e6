import type { KeyRing } from '../crypto/KeyRing.js';
import type { Clock } from '../domain/Clock.js';
import { newId } from '../domain/ids.js';
import {
  DeadLetterNotFoundError,
  SourceNotFoundError,
  SourceTypeNotFoundError,
  fromPointer,
  ValidationError,
  type FieldError,
} from '../errors/index.js';
import type { IngestResult } from '../ingest/EventIngestService.js';
import type { IngestItem } from '../ingest/ingestItem.js';
import type { LoadedSourcePlugin } from '../plugins/index.js';
import type { SourceAddressGuard } from '../sources/SourceAddressGuard.js';
import { toIngestItem } from '../sources/toIngestItem.js';
import type { Page, PageRequest } from '../storage/Page.js';
import type {
  RawFormatOptions,
  SourceChanges,
  SourceFormat,
  SourceRepository,
  SourceWithLease,
  StoredDeadLetter,
} from '../storage/SourceRepository.js';

export interface SourceServiceDeps {
  sources: SourceRepository;
  /** The installed plugins (a `PluginRegistry` of sources). */
  plugins: {
    list(): Promise<LoadedSourcePlugin[]>;
    get(id: string): Promise<LoadedSourcePlugin | undefined>;
  };
  keyRing: KeyRing;
  clock: Clock;
  /**
   * The operator's `sources.allowedHosts` and the SSRF guard on broker addresses; every host and
   * address is allowed without it.
   */
  addressGuard?: Pick<SourceAddressGuard, 'hostProblems' | 'addressProblems'>;
  /** Ingest for dead-letter replay (`EventIngestService`). */
  ingest: {
    ingest(
      tenantId: string,
      items: readonly IngestItem[],
      options?: { sourceId?: string },
    ): Promise<IngestResult[]>;
  };
}

export interface CreateSourceInput {
  name: string;
  type: string;
  config: Record<string, unknown>;
  credentials?: Record<string, unknown>;
  workers?: number;
  format?: SourceFormat;
  raw?: RawFormatOptions | null;
}

export interface UpdateSourceInput {
  name?: string;
  config?: Record<string, unknown>;
  credentials?: Record<string, unknown> | null;
  workers?: number;
  format?: SourceFormat;
  raw?: RawFormatOptions | null;
}

/** Tenants' broker sources, the installed source types, and dead letters. */
export class SourceService {
  constructor(private readonly deps: SourceServiceDeps) {}

  async listTypes(): Promise<LoadedSourcePlugin[]> {
    return this.deps.plugins.list();
  }

  async getType(id: string): Promise<LoadedSourcePlugin> {
    const plugin = await this.deps.plugins.get(id);
    if (!plugin) throw new SourceTypeNotFoundError(id);
    return plugin;
  }

  async create(tenantId: string, input: CreateSourceInput): Promise<SourceWithLease> {
    const plugin = await this.getType(input.type);
    const format = input.format ?? 'caravan';
    const raw = input.raw ?? null;
    const hosts = this.hostProblems(plugin, input.config);
    check(hosts ?? []);
    check([
      ...problems(plugin.validateConfig(input.config), 'config'),
      ...(input.credentials ? problems(plugin.validateCredentials(input.credentials), 'credentials') : []),
      ...formatProblems(format, raw),
    ]);
    if (!hosts) check(this.deps.addressGuard?.hostProblems(plugin, input.config) ?? []);
    check((await this.deps.addressGuard?.addressProblems(plugin, input.config)) ?? []);
    const now = this.deps.clock.now();
    const id = newId('src', now);
    await this.deps.sources.insert({
      id,
      tenantId,
      name: input.name,
      type: input.type,
      config: input.config,
      credentialsEncrypted: input.credentials ? this.encrypt(input.credentials, id) : null,
      workers: input.workers ?? 1,
      format,
      raw,
      status: 'running',
      version: 1,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    });
    return this.get(tenantId, id);
  }

  async get(tenantId: string, id: string): Promise<SourceWithLease> {
    const source = await this.deps.sources.get(tenantId, id, this.deps.clock.now());
    if (!source) throw new SourceNotFoundError(id);
    return source;
  }

  list(tenantId: string, page: PageRequest): Promise<Page<SourceWithLease>> {
    return this.deps.sources.list(tenantId, page, this.deps.clock.now());
  }

  async update(tenantId: string, id: string, input: UpdateSourceInput): Promise<SourceWithLease> {
    const current = await this.get(tenantId, id);
    const plugin = await this.getType(current.type);
    const format = input.format ?? current.format;
    const raw = input.raw !== undefined ? input.raw : current.raw;
    const hosts = input.config ? this.hostProblems(plugin, input.config) : [];
    check(hosts ?? []);
    check([
      ...(input.config ? problems(plugin.validateConfig(input.config), 'config') : []),
      ...(input.credentials ? problems(plugin.validateCredentials(input.credentials), 'credentials') : []),
      ...(input.format !== undefined || input.raw !== undefined ? formatProblems(format, raw) : []),
    ]);
    if (input.config) {
      if (!hosts) check(this.deps.addressGuard?.hostProblems(plugin, input.config) ?? []);
      check((await this.deps.addressGuard?.addressProblems(plugin, input.config)) ?? []);
    }
    const changes: SourceChanges = { bumpVersion: false, updatedAt: this.deps.clock.now() };
    if (input.name !== undefined) changes.name = input.name;
    if (input.config !== undefined) changes.config = input.config;
    if (input.credentials !== undefined)
      changes.credentialsEncrypted = input.credentials === null ? null : this.encrypt(input.credentials, id);
    if (input.workers !== undefined) changes.workers = input.workers;
    if (input.format !== undefined) changes.format = input.format;
    if (input.raw !== undefined) changes.raw = input.raw;
    // Anything the running consumer was built from: the runner replaces the consumer on a new version.
    changes.bumpVersion = [input.config, input.credentials, input.workers, input.format, input.raw].some(
      (v) => v !== undefined,
    );
    if (!(await this.deps.sources.update(tenantId, id, changes))) throw new SourceNotFoundError(id);
    return this.get(tenantId, id);
  }

  async delete(tenantId: string, id: string): Promise<void> {
    if (!(await this.deps.sources.delete(tenantId, id))) throw new SourceNotFoundError(id);
  }

  /** Pausing a paused source (or resuming a running one) changes nothing. */
  async setPaused(tenantId: string, id: string, paused: boolean): Promise<SourceWithLease> {
    const current = await this.get(tenantId, id);
    if ((current.status === 'paused') === paused) return current;
    const status = paused ? 'paused' : 'running';
    const changed = await this.deps.sources.update(tenantId, id, {
      status,
      bumpVersion: false,
      updatedAt: this.deps.clock.now(),
    });
    if (!changed) throw new SourceNotFoundError(id);
    return this.get(tenantId, id);
  }

  async listDeadLetters(
    tenantId: string,
    sourceId: string,
    page: PageRequest,
  ): Promise<Page<StoredDeadLetter>> {
    await this.get(tenantId, sourceId);
    return this.deps.sources.listDeadLetters(tenantId, sourceId, page);
  }

  /**
   * Converts a dead letter again with the source's current format and ingests it. Still invalid: the
   * same reason the source saw (fields named in the message), and the dead letter is left as it is.
   */
  async replayDeadLetter(tenantId: string, sourceId: string, deadLetterId: string): Promise<IngestResult> {
    const source = await this.get(tenantId, sourceId);
    const letter = await this.deps.sources.getDeadLetter(tenantId, sourceId, deadLetterId);
    if (!letter) throw new DeadLetterNotFoundError(deadLetterId);
    const converted = toIngestItem(source, {
      id: letter.messageId,
      body: letter.body,
      attributes: letter.attributes,
    });
    if (!converted.ok) {
      const { code, errors } = converted.reason;
      const fields = errors.map((e) => ({ path: fromPointer(e.field), message: e.message }));
      throw new ValidationError(fields, { code, root: 'message' });
    }
    const [result] = await this.deps.ingest.ingest(tenantId, [converted.item], { sourceId });
    if (!result) throw new Error('ingest answered no result for one item');
    await this.deps.sources.markReplayed(tenantId, deadLetterId, result.id, this.deps.clock.now());
    return result;
  }

  /**
   * The operator's allowlist is checked before the plugin's schema: a refused host is the whole answer,
   * so a tenant learns the installation's policy first rather than after fixing every other detail.
   * `undefined`: the plugin could not read hosts from this config yet (ask again once it is valid).
   */
  private hostProblems(
    plugin: LoadedSourcePlugin,
    config: Record<string, unknown>,
  ): FieldError[] | undefined {
    try {
      return this.deps.addressGuard?.hostProblems(plugin, config) ?? [];
    } catch {
      return undefined;
    }
  }

  private encrypt(credentials: Record<string, unknown>, sourceId: string): string {
    return this.deps.keyRing.encrypt(JSON.stringify(credentials), sourceId);
  }
}

function problems(errors: { pointer: string; message: string }[], at: string): FieldError[] {
  return errors.map((e) => ({ path: [at, ...fromPointer(e.pointer)], message: e.message }));
}

function formatProblems(format: SourceFormat, raw: RawFormatOptions | null): FieldError[] {
  return format === 'raw' && raw === null
    ? [{ path: ['raw'], message: 'is required with format raw (eventTypeAttribute at least)' }]
    : [];
}

function check(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationError(errors);
}
