import type { Database } from '../createDatabase.js';
import { decodeTimeCursor, toPage, type PageRequest } from '../Page.js';
import type {
  SourceChanges,
  SourceRepository,
  SourceWithLease,
  StoredDeadLetter,
  StoredSource,
} from '../SourceRepository.js';
import { toTotals } from './KnexSourceMetricsStore.js';

export interface SourceRow {
  id: string;
  tenant_id: string;
  name: string;
  type: string;
  config: string;
  credentials_encrypted: string | null;
  workers: number;
  format: string;
  format_options: string | null;
  status: string;
  version: number;
  last_error: string | null;
  created_at: number | string;
  updated_at: number | string;
  worker_id?: string | null;
  messages_received?: number | string | null;
  events_accepted?: number | string | null;
  messages_retried?: number | string | null;
  messages_rejected?: number | string | null;
  last_message_at?: number | string | null;
}

interface DeadLetterRow {
  id: string;
  tenant_id: string;
  source_id: string;
  message_id: string;
  body: Buffer;
  attributes: string;
  reason: string;
  received_at: number | string;
  replayed_at: number | string | null;
  replayed_event_id: string | null;
}

const ms = (v: number | string): number => Number(v);
const MAX_REASON = 2000;

/**
 * Source rows, with their lease holder (`null` when unleased or expired) and counters (zero when the
 * row was read without them or nothing was counted yet).
 */
export function toSource(row: SourceRow): SourceWithLease {
  const {
    sourceId: _s,
    tenantId: _t,
    lastMessageAt,
    ...metrics
  } = toTotals({
    ...row,
    source_id: row.id,
    tenant_id: row.tenant_id,
  });
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    type: row.type,
    config: JSON.parse(row.config) as StoredSource['config'],
    credentialsEncrypted: row.credentials_encrypted,
    workers: row.workers,
    format: row.format as StoredSource['format'],
    raw: row.format_options === null ? null : (JSON.parse(row.format_options) as StoredSource['raw']),
    status: row.status as StoredSource['status'],
    version: Number(row.version),
    lastError: row.last_error === null ? null : (JSON.parse(row.last_error) as StoredSource['lastError']),
    createdAt: ms(row.created_at),
    updatedAt: ms(row.updated_at),
    workerId: row.worker_id ?? null,
    metrics,
    lastMessageAt,
  };
}

function toDeadLetter(row: DeadLetterRow): StoredDeadLetter {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    sourceId: row.source_id,
    messageId: row.message_id,
    body: Buffer.from(row.body),
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    reason: JSON.parse(row.reason) as StoredDeadLetter['reason'],
    receivedAt: ms(row.received_at),
    replayedAt: row.replayed_at === null ? null : ms(row.replayed_at),
    replayedEventId: row.replayed_event_id,
  };
}

/** The reason as JSON that fits the column: the field list is cut before the text is. */
function reasonText(reason: StoredDeadLetter['reason']): string {
  const r = { ...reason, message: reason.message.slice(0, 500), errors: [...reason.errors] };
  let text = JSON.stringify(r);
  while (text.length > MAX_REASON && r.errors.length > 0) {
    r.errors.pop();
    text = JSON.stringify(r);
  }
  return text.length > MAX_REASON ? JSON.stringify({ ...r, message: r.message.slice(0, 200) }) : text;
}

/** {@link SourceRepository} on MySQL/MariaDB or SQLite through knex. */
export class KnexSourceRepository implements SourceRepository {
  constructor(private readonly deps: { db: Database }) {}

  private get db() {
    return this.deps.db;
  }

  private withLease(now: number) {
    return this.db('sources as s')
      .leftJoin('source_leases as l', (j) => {
        j.on('l.source_id', '=', 's.id').andOn('l.expires_at', '>', this.db.raw('?', [now]));
      })
      .leftJoin('source_metrics as m', 'm.source_id', 's.id')
      .select(
        's.*',
        'l.worker_id',
        'm.messages_received',
        'm.events_accepted',
        'm.messages_retried',
        'm.messages_rejected',
        'm.last_message_at',
      );
  }

  async insert(s: StoredSource): Promise<void> {
    await this.db('sources').insert({
      id: s.id,
      tenant_id: s.tenantId,
      name: s.name,
      type: s.type,
      config: JSON.stringify(s.config),
      credentials_encrypted: s.credentialsEncrypted,
      workers: s.workers,
      format: s.format,
      format_options: s.raw === null ? null : JSON.stringify(s.raw),
      status: s.status,
      version: s.version,
      last_error: s.lastError === null ? null : JSON.stringify(s.lastError),
      created_at: s.createdAt,
      updated_at: s.updatedAt,
    });
  }

  async get(tenantId: string, id: string, now: number): Promise<SourceWithLease | undefined> {
    const row = (await this.withLease(now).where({ 's.tenant_id': tenantId, 's.id': id }).first()) as
      SourceRow | undefined;
    return row && toSource(row);
  }

  async list(tenantId: string, { limit, cursor }: PageRequest, now: number) {
    const q = this.withLease(now)
      .where('s.tenant_id', tenantId)
      .orderBy([
        { column: 's.created_at', order: 'desc' },
        { column: 's.id', order: 'desc' },
      ]);
    if (cursor) {
      const at = decodeTimeCursor(cursor);
      void q.where((w) => {
        void w.where('s.created_at', '<', at.value).orWhere((x) => {
          void x.where('s.created_at', '=', at.value).andWhere('s.id', '<', at.id);
        });
      });
    }
    const rows = (await q.limit(limit + 1)) as SourceRow[];
    return toPage(rows, limit, toSource, (r) => ({ value: ms(r.created_at), id: r.id }));
  }

  async update(tenantId: string, id: string, c: SourceChanges): Promise<boolean> {
    const set: Record<string, unknown> = { updated_at: c.updatedAt };
    if (c.name !== undefined) set.name = c.name;
    if (c.config !== undefined) set.config = JSON.stringify(c.config);
    if (c.credentialsEncrypted !== undefined) set.credentials_encrypted = c.credentialsEncrypted;
    if (c.workers !== undefined) set.workers = c.workers;
    if (c.format !== undefined) set.format = c.format;
    if (c.raw !== undefined) set.format_options = c.raw === null ? null : JSON.stringify(c.raw);
    if (c.status !== undefined) {
      set.status = c.status;
      // A tenant's pause or resume starts from a clean slate; the runner records new errors.
      set.last_error = null;
    }
    if (c.bumpVersion) set.version = this.db.raw('version + 1');
    const n = await this.db('sources').where({ tenant_id: tenantId, id }).update(set);
    return n > 0;
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const found = await trx('sources').where({ tenant_id: tenantId, id }).select('id');
      if (found.length === 0) return false;
      await trx('dead_letters').where({ tenant_id: tenantId, source_id: id }).delete();
      await trx('source_leases').where({ source_id: id }).delete();
      await trx('source_metrics').where({ source_id: id }).delete();
      await trx('sources').where({ tenant_id: tenantId, id }).delete();
      return true;
    });
  }

  async insertDeadLetter(d: StoredDeadLetter): Promise<void> {
    await this.db('dead_letters').insert({
      id: d.id,
      tenant_id: d.tenantId,
      source_id: d.sourceId,
      message_id: d.messageId.slice(0, 512),
      body: d.body,
      attributes: JSON.stringify(d.attributes),
      reason: reasonText(d.reason),
      received_at: d.receivedAt,
      replayed_at: d.replayedAt,
      replayed_event_id: d.replayedEventId,
    });
  }

  async getDeadLetter(tenantId: string, sourceId: string, id: string) {
    const row = (await this.db('dead_letters')
      .where({ tenant_id: tenantId, source_id: sourceId, id })
      .first()) as DeadLetterRow | undefined;
    return row && toDeadLetter(row);
  }

  async listDeadLetters(tenantId: string, sourceId: string, { limit, cursor }: PageRequest) {
    const q = this.db('dead_letters')
      .where({ tenant_id: tenantId, source_id: sourceId })
      .orderBy([
        { column: 'received_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    if (cursor) {
      const at = decodeTimeCursor(cursor);
      void q.where((w) => {
        void w.where('received_at', '<', at.value).orWhere((x) => {
          void x.where('received_at', '=', at.value).andWhere('id', '<', at.id);
        });
      });
    }
    const rows = (await q.limit(limit + 1)) as DeadLetterRow[];
    return toPage(rows, limit, toDeadLetter, (r) => ({ value: ms(r.received_at), id: r.id }));
  }

  async markReplayed(tenantId: string, id: string, eventId: string, at: number): Promise<void> {
    await this.db('dead_letters')
      .where({ tenant_id: tenantId, id })
      .update({ replayed_at: at, replayed_event_id: eventId });
  }
}
