import type { Knex } from 'knex';
import { ID, schema } from './support/schema.js';

// Per-source counters live in their own table, not on `sources`: every worker flushes them every few
// seconds and those writes must never race a tenant's update of the source row (nor bump its
// `updated_at`). `source_workers` is each worker process's heartbeat, so the fair share of sources
// counts workers that hold no lease yet (a worker that just joined).

export async function up(db: Knex): Promise<void> {
  const { common } = schema(db);

  await db.schema.createTable('source_metrics', (t) => {
    common(t);
    t.string('source_id', ID).primary().references('sources.id').onDelete('CASCADE');
    t.string('tenant_id', ID).notNullable();
    t.bigInteger('messages_received').notNullable().defaultTo(0);
    t.bigInteger('events_accepted').notNullable().defaultTo(0);
    t.bigInteger('messages_retried').notNullable().defaultTo(0);
    t.bigInteger('messages_rejected').notNullable().defaultTo(0);
    t.bigInteger('last_message_at').nullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['tenant_id', 'source_id']);
  });

  await db.schema.createTable('source_workers', (t) => {
    common(t);
    t.string('worker_id', 128).primary();
    t.bigInteger('started_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.index(['expires_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('source_workers');
  await db.schema.dropTableIfExists('source_metrics');
}
