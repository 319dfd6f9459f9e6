import type { Knex } from 'knex';
import { ID, schema } from './support/schema.js';

// Per-tenant counters by minute, for the dashboard's charts (`GET /v1/tenant/stats`): events the router
// stored and attempts the dispatcher recorded. Incremented in SQL, so every router and dispatcher process
// adds to the same rows. No foreign key: a counter flushed just after its tenant was deleted must not fail
// the pipeline; deleting a tenant clears its rows.
export async function up(db: Knex): Promise<void> {
  const { common } = schema(db);
  await db.schema.createTable('tenant_stats', (t) => {
    common(t);
    t.string('tenant_id', ID).notNullable();
    t.bigInteger('minute').notNullable();
    t.bigInteger('events').notNullable().defaultTo(0);
    t.bigInteger('attempts_succeeded').notNullable().defaultTo(0);
    t.bigInteger('attempts_failed').notNullable().defaultTo(0);
    t.primary(['tenant_id', 'minute']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('tenant_stats');
}
