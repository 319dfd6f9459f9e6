import type { Knex } from 'knex';

// The scheduler's scan for stranded deliveries (unsettled, no next_attempt_at, untouched for 30 minutes)
// was indexed on (status, updated_at), an entry every outcome write moves. It now narrows on
// (status, created_at) — a row untouched since T was created before T — which moves only when the
// status does. Every other index of `deliveries` serves a query: the tenant's lists (newest first, by
// endpoint, by event, by status), and the scheduler's due scan (next_attempt_at).
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('deliveries', (t) => {
    t.index(['status', 'created_at']);
  });
  await db.schema.alterTable('deliveries', (t) => {
    t.dropIndex(['status', 'updated_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('deliveries', (t) => {
    t.index(['status', 'updated_at']);
  });
  await db.schema.alterTable('deliveries', (t) => {
    t.dropIndex(['status', 'created_at']);
  });
}
