import type { Knex } from 'knex';

// The body format of an endpoint's deliveries. Existing endpoints keep receiving the raw payload.
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('endpoints', (t) => {
    t.string('payload_format', 16).notNullable().defaultTo('raw');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('endpoints', (t) => {
    t.dropColumn('payload_format');
  });
}
