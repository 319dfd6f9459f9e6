import type { Knex } from 'knex';

// Failed half-open probes in a row: each doubles the breaker's open period (up to the configured cap),
// and the count must survive a restart or move to another dispatcher with the rest of the state.
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('endpoint_breakers', (t) => {
    t.integer('failed_probes').notNullable().defaultTo(0);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('endpoint_breakers', (t) => {
    t.dropColumn('failed_probes');
  });
}
