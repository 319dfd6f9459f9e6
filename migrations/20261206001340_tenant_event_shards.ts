import type { Knex } from 'knex';

// How many shards of the `events` topic a tenant's events are keyed over. Existing tenants get the
// installation's default of 2 (`tenantDefaults.eventShards`); the operator raises it for a big tenant.
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('tenants', (t) => {
    t.integer('event_shards').notNullable().defaultTo(2);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('tenants', (t) => {
    t.dropColumn('event_shards');
  });
}
