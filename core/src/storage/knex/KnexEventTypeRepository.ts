import type { EventType } from '../../domain/eventType.js';
import { EventTypeExistsError, InvalidCursorError } from '../../errors/index.js';
import type { Database } from '../createDatabase.js';
import type { EventTypeChanges, EventTypeRepository } from '../EventTypeRepository.js';
import { decodeCursor, toPage, type PageRequest } from '../Page.js';
import { isDuplicateKeyError } from './isDuplicateKeyError.js';

interface EventTypeRow {
  tenant_id: string;
  name: string;
  description: string | null;
  schema: string | null;
  created_at: number | string;
  updated_at: number | string;
}

function toEventType(row: EventTypeRow): EventType {
  return {
    tenantId: row.tenant_id,
    name: row.name,
    description: row.description,
    schema: row.schema === null ? null : (JSON.parse(row.schema) as Record<string, unknown>),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** {@link EventTypeRepository} on MySQL/MariaDB or SQLite through knex. */
export class KnexEventTypeRepository implements EventTypeRepository {
  constructor(private readonly deps: { db: Database }) {}

  private get db() {
    return this.deps.db;
  }

  async insert(e: EventType): Promise<void> {
    try {
      await this.db('event_types').insert({
        tenant_id: e.tenantId,
        name: e.name,
        description: e.description,
        schema: e.schema === null ? null : JSON.stringify(e.schema),
        created_at: e.createdAt,
        updated_at: e.updatedAt,
      });
    } catch (error) {
      // Two creates of one name can both pass any prior check; the primary key decides.
      if (isDuplicateKeyError(error)) throw new EventTypeExistsError(e.name);
      throw error;
    }
  }

  async get(tenantId: string, name: string): Promise<EventType | undefined> {
    const row = (await this.db('event_types').where({ tenant_id: tenantId, name }).first()) as
      EventTypeRow | undefined;
    return row && toEventType(row);
  }

  async getUpdatedAt(tenantId: string, name: string): Promise<number | undefined> {
    const row = (await this.db('event_types')
      .select('updated_at')
      .where({ tenant_id: tenantId, name })
      .first()) as Pick<EventTypeRow, 'updated_at'> | undefined;
    return row && Number(row.updated_at);
  }

  async list(tenantId: string, { limit, cursor }: PageRequest) {
    const q = this.db('event_types').where({ tenant_id: tenantId }).orderBy('name', 'asc');
    if (cursor) {
      const after = decodeCursor(cursor).value;
      if (typeof after !== 'string') {
        throw new InvalidCursorError();
      }
      void q.andWhere('name', '>', after);
    }
    const rows = (await q.limit(limit + 1)) as EventTypeRow[];
    return toPage(rows, limit, toEventType, (r) => ({ value: r.name, id: r.name }));
  }

  async update(tenantId: string, name: string, c: EventTypeChanges): Promise<EventType | undefined> {
    const set: Record<string, unknown> = { updated_at: c.updatedAt };
    if (c.description !== undefined) set.description = c.description;
    if (c.schema !== undefined) set.schema = c.schema === null ? null : JSON.stringify(c.schema);
    const changed = await this.db('event_types').where({ tenant_id: tenantId, name }).update(set);
    return changed ? this.get(tenantId, name) : undefined;
  }

  async delete(tenantId: string, name: string): Promise<boolean> {
    return (await this.db('event_types').where({ tenant_id: tenantId, name }).delete()) > 0;
  }
}
