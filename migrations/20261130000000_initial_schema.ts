import type { Knex } from 'knex';
import { ID, schema } from './support/schema.js';

// Portable column choices: times are epoch milliseconds (BIGINT) so MySQL and SQLite compare and
// paginate them identically; JSON documents are long text; payloads are long binary (exact bytes).
// Every tenant-owned table's indexes lead with tenant_id. The cross-tenant access paths (scheduler,
// source leases, the SQL log) are indexed for themselves.

export async function up(db: Knex): Promise<void> {
  const { json, bytes, ms, common } = schema(db);

  await db.schema.createTable('tenants', (t) => {
    common(t);
    t.string('id', ID).primary();
    t.string('name', 200).notNullable();
    t.integer('ingest_per_second').notNullable();
    t.integer('deliveries_per_second').notNullable();
    t.integer('max_endpoints').notNullable();
    t.integer('max_payload_bytes').notNullable();
    t.text('operations_url').nullable();
    t.text('operations_secret_encrypted').nullable();
    t.string('default_egress_pool_id', ID).nullable();
    ms(t, 'created_at').notNullable();
    ms(t, 'updated_at').notNullable();
  });

  await db.schema.createTable('api_keys', (t) => {
    common(t);
    t.string('id', ID).primary();
    t.string('tenant_id', ID).notNullable().references('tenants.id').onDelete('CASCADE');
    t.string('name', 200).nullable();
    t.string('prefix', 32).notNullable();
    t.string('key_hash', 64).notNullable().unique();
    ms(t, 'expires_at').nullable();
    ms(t, 'revoked_at').nullable();
    ms(t, 'last_used_at').nullable();
    ms(t, 'created_at').notNullable();
    t.index(['tenant_id', 'id']);
  });

  await db.schema.createTable('egress_pools', (t) => {
    common(t);
    t.string('id', ID).primary();
    t.string('name', 200).notNullable().unique();
    t.string('mode', 16).notNullable();
    json(t, 'addresses').notNullable();
    json(t, 'public_ips').notNullable();
    t.boolean('allow_all_tenants').notNullable().defaultTo(false);
    ms(t, 'created_at').notNullable();
    ms(t, 'updated_at').notNullable();
  });

  await db.schema.createTable('egress_pool_tenants', (t) => {
    common(t);
    t.string('tenant_id', ID).notNullable().references('tenants.id').onDelete('CASCADE');
    t.string('pool_id', ID).notNullable().references('egress_pools.id').onDelete('CASCADE');
    t.primary(['tenant_id', 'pool_id']);
  });

  await db.schema.createTable('endpoints', (t) => {
    common(t);
    t.string('id', ID).primary();
    t.string('tenant_id', ID).notNullable().references('tenants.id').onDelete('CASCADE');
    t.text('url').notNullable();
    t.string('description', 1024).nullable();
    t.string('owner_id', 256).nullable();
    json(t, 'event_types').notNullable();
    json(t, 'filter').nullable();
    json(t, 'headers').nullable();
    t.integer('rate_limit_per_second').nullable();
    t.integer('rate_limit_burst').nullable();
    t.integer('max_concurrency').nullable();
    t.integer('timeout_ms').notNullable();
    json(t, 'retry_schedule').nullable();
    t.string('egress_pool_id', ID).nullable();
    t.string('signing_scheme', 16).notNullable();
    t.string('status', 16).notNullable();
    t.string('disabled_reason', 1000).nullable();
    ms(t, 'failing_since').nullable();
    ms(t, 'created_at').notNullable();
    ms(t, 'updated_at').notNullable();
    t.index(['tenant_id', 'id']);
    t.index(['tenant_id', 'owner_id']);
  });

  await db.schema.createTable('endpoint_secrets', (t) => {
    common(t);
    t.string('id', ID).primary();
    t.string('tenant_id', ID).notNullable();
    t.string('endpoint_id', ID).notNullable().references('endpoints.id').onDelete('CASCADE');
    t.string('scheme', 16).notNullable();
    t.text('secret_encrypted').notNullable();
    t.text('public_key').nullable();
    ms(t, 'created_at').notNullable();
    ms(t, 'expires_at').nullable();
    t.index(['tenant_id', 'endpoint_id', 'created_at']);
  });

  await db.schema.createTable('endpoint_breakers', (t) => {
    common(t);
    t.string('endpoint_id', ID).primary().references('endpoints.id').onDelete('CASCADE');
    t.string('tenant_id', ID).notNullable();
    t.string('state', 16).notNullable();
    ms(t, 'opened_at').nullable();
    ms(t, 'next_probe_at').nullable();
    t.integer('consecutive_failures').notNullable().defaultTo(0);
    json(t, 'window').nullable();
    t.string('last_error', 1000).nullable();
    ms(t, 'updated_at').notNullable();
    t.index(['tenant_id', 'endpoint_id']);
  });

  await db.schema.createTable('event_types', (t) => {
    common(t);
    t.string('tenant_id', ID).notNullable().references('tenants.id').onDelete('CASCADE');
    t.string('name', 128).notNullable();
    t.string('description', 1024).nullable();
    json(t, 'schema').nullable();
    ms(t, 'created_at').notNullable();
    ms(t, 'updated_at').notNullable();
    t.primary(['tenant_id', 'name']);
  });

  await db.schema.createTable('events', (t) => {
    common(t);
    t.string('id', ID).primary();
    t.string('tenant_id', ID).notNullable();
    t.string('event_type', 128).notNullable();
    bytes(t, 'payload').notNullable();
    t.string('idempotency_key', 256).nullable();
    t.string('endpoint_id', ID).nullable();
    t.string('owner_id', 256).nullable();
    json(t, 'headers').nullable();
    t.string('source_id', ID).nullable();
    ms(t, 'created_at').notNullable();
    // Lists walk (created_at, id) newest first; an id derived from an idempotency key is not time-ordered.
    t.index(['tenant_id', 'created_at', 'id']);
    t.index(['tenant_id', 'event_type', 'created_at']);
    t.index(['tenant_id', 'owner_id', 'created_at']);
  });

  await db.schema.createTable('deliveries', (t) => {
    common(t);
    t.string('id', ID).primary();
    t.string('tenant_id', ID).notNullable();
    t.string('event_id', ID).notNullable();
    t.string('endpoint_id', ID).notNullable();
    t.string('event_type', 128).notNullable();
    t.string('status', 16).notNullable();
    t.integer('attempt_count').notNullable().defaultTo(0);
    ms(t, 'next_attempt_at').nullable();
    // What queued the next attempt: null/`scheduled` for automatic retries, `manual` for a retry call.
    t.string('next_trigger', 16).nullable();
    ms(t, 'claimed_until').nullable();
    ms(t, 'last_attempt_at').nullable();
    t.integer('last_status_code').nullable();
    t.string('last_error', 1000).nullable();
    ms(t, 'created_at').notNullable();
    ms(t, 'updated_at').notNullable();
    t.index(['tenant_id', 'created_at', 'id']);
    t.index(['tenant_id', 'endpoint_id', 'created_at']);
    t.index(['tenant_id', 'event_id']);
    t.index(['tenant_id', 'status', 'created_at']);
    // The scheduler's cross-tenant scans: due retries, and unsettled rows nobody touched for a while.
    t.index(['next_attempt_at']);
    t.index(['status', 'updated_at']);
  });

  await db.schema.createTable('attempts', (t) => {
    common(t);
    t.string('id', ID).primary();
    t.string('tenant_id', ID).notNullable();
    t.string('delivery_id', ID).notNullable();
    t.string('endpoint_id', ID).notNullable();
    t.integer('attempt_number').notNullable();
    // `scheduled` (first try, automatic retries) or `manual` (retry, recover, replay).
    t.string('trigger', 16).notNullable().defaultTo('scheduled');
    t.text('url').nullable();
    ms(t, 'started_at').notNullable();
    t.integer('duration_ms').notNullable();
    t.integer('status_code').nullable();
    t.string('error_code', 64).nullable();
    t.string('error_message', 1000).nullable();
    json(t, 'request_headers').notNullable();
    json(t, 'response_headers').nullable();
    t.text('response_body_excerpt').nullable();
    t.string('egress_address', 64).nullable();
    t.index(['tenant_id', 'delivery_id', 'attempt_number']);
    t.index(['tenant_id', 'endpoint_id', 'started_at']);
  });

  await db.schema.createTable('sources', (t) => {
    common(t);
    t.string('id', ID).primary();
    t.string('tenant_id', ID).notNullable().references('tenants.id').onDelete('CASCADE');
    t.string('name', 200).notNullable();
    t.string('type', 64).notNullable();
    json(t, 'config').notNullable();
    t.text('credentials_encrypted').nullable();
    t.integer('workers').notNullable();
    t.string('format', 16).notNullable();
    json(t, 'format_options').nullable();
    t.string('status', 16).notNullable();
    t.integer('version').notNullable().defaultTo(1);
    t.string('last_error', 1000).nullable();
    ms(t, 'created_at').notNullable();
    ms(t, 'updated_at').notNullable();
    t.index(['tenant_id', 'id']);
  });

  await db.schema.createTable('source_leases', (t) => {
    common(t);
    t.string('source_id', ID).primary().references('sources.id').onDelete('CASCADE');
    t.string('worker_id', 128).notNullable();
    t.bigInteger('fencing_token').notNullable();
    ms(t, 'acquired_at').notNullable();
    ms(t, 'expires_at').notNullable();
    t.index(['expires_at']);
  });

  await db.schema.createTable('dead_letters', (t) => {
    common(t);
    t.string('id', ID).primary();
    t.string('tenant_id', ID).notNullable();
    t.string('source_id', ID).notNullable();
    t.string('message_id', 512).notNullable();
    bytes(t, 'body').notNullable();
    json(t, 'attributes').notNullable();
    t.string('reason', 2000).notNullable();
    ms(t, 'received_at').notNullable();
    ms(t, 'replayed_at').nullable();
    t.string('replayed_event_id', ID).nullable();
    t.index(['tenant_id', 'source_id', 'id']);
  });

  await db.schema.createTable('jobs', (t) => {
    common(t);
    t.string('id', ID).primary();
    t.string('tenant_id', ID).notNullable();
    t.string('kind', 32).notNullable();
    json(t, 'params').notNullable();
    t.string('status', 16).notNullable();
    t.integer('total').nullable();
    t.integer('processed').notNullable().defaultTo(0);
    t.string('cursor', 128).nullable();
    t.string('error', 1000).nullable();
    ms(t, 'created_at').notNullable();
    ms(t, 'updated_at').notNullable();
    ms(t, 'finished_at').nullable();
    t.index(['tenant_id', 'id']);
    t.index(['status', 'updated_at']);
  });

  await db.schema.createTable('operational_events', (t) => {
    common(t);
    t.string('id', ID).primary();
    t.string('tenant_id', ID).notNullable();
    t.string('type', 64).notNullable();
    json(t, 'data').notNullable();
    ms(t, 'created_at').notNullable();
    t.index(['tenant_id', 'type', 'id']);
    t.index(['tenant_id', 'id']);
  });

  await db.schema.createTable('idempotency_records', (t) => {
    common(t);
    t.string('scope', 64).notNullable();
    t.string('idempotency_key', 256).notNullable();
    t.string('request_hash', 64).notNullable();
    t.integer('response_status').nullable();
    json(t, 'response_body').nullable();
    ms(t, 'created_at').notNullable();
    ms(t, 'expires_at').notNullable();
    t.primary(['scope', 'idempotency_key']);
    t.index(['expires_at']);
  });

  // The SQL internal log. Appends to one partition serialise on its `log_partitions` row, so offsets
  // are assigned in commit order and a reader that has seen offset N never later finds a smaller one.
  await db.schema.createTable('log_partitions', (t) => {
    common(t);
    t.string('topic', 64).notNullable();
    t.integer('partition').notNullable();
    t.bigInteger('next_offset').notNullable();
    t.primary(['topic', 'partition']);
  });

  await db.schema.createTable('log_records', (t) => {
    common(t);
    t.string('topic', 64).notNullable();
    t.integer('partition').notNullable();
    t.bigInteger('offset').notNullable();
    t.string('record_key', 128).notNullable();
    bytes(t, 'value').notNullable();
    json(t, 'headers').nullable();
    ms(t, 'appended_at').notNullable();
    t.primary(['topic', 'partition', 'offset']);
  });

  // Committed position and the lease of the consumer that currently owns each (group, partition).
  await db.schema.createTable('log_offsets', (t) => {
    common(t);
    t.string('group_id', 128).notNullable();
    t.string('topic', 64).notNullable();
    t.integer('partition').notNullable();
    t.bigInteger('committed_offset').notNullable();
    t.string('owner_id', 128).nullable();
    ms(t, 'lease_until').nullable();
    ms(t, 'updated_at').notNullable();
    t.primary(['group_id', 'topic', 'partition']);
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of [
    'log_offsets',
    'log_records',
    'log_partitions',
    'idempotency_records',
    'operational_events',
    'jobs',
    'dead_letters',
    'source_leases',
    'sources',
    'attempts',
    'deliveries',
    'events',
    'event_types',
    'endpoint_breakers',
    'endpoint_secrets',
    'endpoints',
    'egress_pool_tenants',
    'egress_pools',
    'api_keys',
    'tenants',
  ]) {
    await db.schema.dropTableIfExists(table);
  }
}
