import type { Knex } from 'knex';

// A tenant may require every ingested event's type to be registered; existing tenants keep accepting
// any type, as they did before the setting existed.
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('tenants', (t) => {
    t.boolean('require_registered_event_types').notNullable().defaultTo(false);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('tenants', (t) => {
    t.dropColumn('require_registered_event_types');
  });
}
