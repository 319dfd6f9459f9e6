import type { Knex } from 'knex';

// Where an endpoint delivers: `http` (its URL, as before) or a destination plugin's id, with that
// plugin's config (JSON) and credentials (one key-ring ciphertext, aad: the endpoint id).
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('endpoints', (t) => {
    t.string('destination_type', 64).notNullable().defaultTo('http');
    t.text('destination_config').nullable();
    t.text('destination_credentials_encrypted').nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('endpoints', (t) => {
    t.dropColumn('destination_credentials_encrypted');
    t.dropColumn('destination_config');
    t.dropColumn('destination_type');
  });
}
