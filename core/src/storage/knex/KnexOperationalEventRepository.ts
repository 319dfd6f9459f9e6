import type { OperationalEvent, OperationalEventType } from '../../domain/operationalEvent.js';
import type { Database } from '../createDatabase.js';
import type { OperationalEventRepository } from '../OperationalEventRepository.js';
import { decodeTimeCursor, toPage, type PageRequest } from '../Page.js';

interface Row {
  id: string;
  tenant_id: string;
  type: OperationalEventType;
  data: string;
  created_at: number | string;
}

const toEvent = (r: Row): OperationalEvent => ({
  id: r.id,
  tenantId: r.tenant_id,
  type: r.type,
  data: JSON.parse(r.data) as Record<string, unknown>,
  createdAt: Number(r.created_at),
});

/** {@link OperationalEventRepository} through knex; ids are time-ordered, so lists page on id. */
export class KnexOperationalEventRepository implements OperationalEventRepository {
  constructor(private readonly deps: { db: Database }) {}

  async insert(e: OperationalEvent): Promise<void> {
    await this.deps.db('operational_events').insert({
      id: e.id,
      tenant_id: e.tenantId,
      type: e.type,
      data: JSON.stringify(e.data),
      created_at: e.createdAt,
    });
  }

  async list(tenantId: string, type: OperationalEventType | undefined, { limit, cursor }: PageRequest) {
    const q = this.deps.db('operational_events').where({ tenant_id: tenantId });
    if (type) void q.andWhere({ type });
    if (cursor) void q.andWhere('id', '<', decodeTimeCursor(cursor).id);
    const rows = (await q.orderBy('id', 'desc').limit(limit + 1)) as Row[];
    return toPage(rows, limit, toEvent, (r) => ({ value: Number(r.created_at), id: r.id }));
  }
}
