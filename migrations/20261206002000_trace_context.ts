import type { Knex } from 'knex';

// Tracing: an event keeps the trace context the router gave it, so an attempt the scheduler sends
// hours later still joins the event's trace; an endpoint may opt into receiving `traceparent`.
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('events', (t) => {
    t.string('trace_context', 128).nullable();
  });
  await db.schema.alterTable('endpoints', (t) => {
    t.boolean('send_traceparent').notNullable().defaultTo(false);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('endpoints', (t) => {
    t.dropColumn('send_traceparent');
  });
  await db.schema.alterTable('events', (t) => {
    t.dropColumn('trace_context');
  });
}
